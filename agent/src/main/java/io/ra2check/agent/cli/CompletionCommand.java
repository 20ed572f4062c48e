package io.ra2check.agent.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ra2check completion bash|zsh}: the shell completion script, generated from the command-line model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the shell completion script for bash or zsh.%n"
                + "bash: source <(ra2check completion bash)   (or save it in /etc/bash_completion.d/ra2check)%n"
                + "zsh:  source <(ra2check completion zsh)    (in ~/.zshrc)")
final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the script to FILE instead of standard output.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new Main.UsageError("completion: expected bash or zsh, got '" + shell + "'");
        }
        Output.checkWritable("--out", out);
        Output.write("--out", script(shell), out, spec.commandLine().getOut());
        return 0;
    }

    /**
     * picocli's script serves both shells: under zsh it loads {@code bashcompinit} itself. The zsh variant only says
     * so first, so that a user reading it knows why it looks like bash.
     */
    static String script(String shell) {
        String bash = AutoComplete.bash("ra2check", Main.fullCommandLine());
        return shell.equals("zsh")
                ? "# ra2check completion for zsh (a bash completion script, run through zsh's bashcompinit)\n" + bash
                : bash;
    }
}

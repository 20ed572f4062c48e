package io.ra2check.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ra2check manpage}: the man page (roff), generated from the same command-line model as --help. */
@Command(name = "manpage", mixinStandardHelpOptions = true,
        description = "Print the ra2check(1) man page in roff (view it with: ra2check manpage | man -l -).")
final class ManPageCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Write the page to FILE instead of standard output.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Output.checkWritable("--out", out);
        Output.write("--out", ManPage.render(Main.fullCommandLine()), out, spec.commandLine().getOut());
        return 0;
    }
}

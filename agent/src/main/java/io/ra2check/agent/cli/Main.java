package io.ra2check.agent.cli;

import io.ra2check.agent.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code ra2check}: the command line. The only place that calls {@link System#exit}. */
@Command(name = "ra2check", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Checks a Kubernetes node against Anuket RA2 chapter 4.",
        subcommands = {CheckCommand.class, FactsCommand.class, SnapshotCommand.class, AgentCommand.class,
                AcceptCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for "the tool could not run": bad arguments, an unusable root or configuration. */
    public static final int EXIT_UNUSABLE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns the exit code (tests call this; only {@link #main} exits). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("ra2check: " + ex.getMessage());
            err.println("Try 'ra2check " + (ex.getCommandLine().getCommandName().equals("ra2check") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return EXIT_UNUSABLE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof UsageError u) {
                err.println("ra2check: " + u.getMessage());
                return EXIT_UNUSABLE;
            }
            err.println("ra2check: internal error: " + ex);
            if (System.getenv("RA2CHECK_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set RA2CHECK_DEBUG=1 for details, and please report it)");
            }
            return EXIT_UNUSABLE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A condition the user can fix: reported as one line, exit code 2. */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ra2check " + Version.get()};
        }
    }
}

package io.ra2check.agent.cli;

import io.ra2check.agent.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.ra2check.report.RequirementCatalog;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** {@code ra2check}: the command line. The only place that calls {@link System#exit}. */
@Command(name = "ra2check", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Checks a Kubernetes node, or workload manifests, against Anuket RA2 chapter 4.")
public final class Main implements Runnable {
    /** Exit code for "the tool could not run": bad arguments, an unusable root or configuration. */
    public static final int EXIT_UNUSABLE = 2;

    /**
     * The subcommands, in the order help lists them. Only the one invoked is built: picocli's reflection over every
     * subcommand's annotations is the largest part of a cold start, and a check needs one.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("check", CheckCommand::new);
        m.put("facts", FactsCommand::new);
        m.put("snapshot", SnapshotCommand::new);
        m.put("agent", AgentCommand::new);
        m.put("accept", AcceptCommand::new);
        m.put("workload", WorkloadCommand::new);
        m.put("requirements", RequirementsCommand::new);
        m.put("explain", ExplainCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("manpage", ManPageCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The requirement catalog, loaded on a second thread while picocli reads the command line: both cost tens of
     * milliseconds on a cold JVM, and a check starts on one.
     */
    private final CompletableFuture<RequirementCatalog> catalog;
    private final InputStream stdin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Main(CompletableFuture<RequirementCatalog> catalog, InputStream stdin) {
        this.catalog = catalog;
        this.stdin = stdin;
    }

    /** What "-" reads (a test gives its own). */
    InputStream stdin() {
        return stdin;
    }

    /** The built-in catalog (subcommands reach it through {@code @ParentCommand}). */
    RequirementCatalog catalog() {
        try {
            return catalog.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
    public static void main(String[] args) {
        // a command's output is standard output (a report, facts as JSON); what a library logs (OSHI) goes to standard
        // error. The agent daemon logs to standard output, as a cluster's log collectors expect
        if ((args.length == 0 || !args[0].equals("agent")) && System.getProperty("ra2check.log.target") == null) {
            System.setProperty("ra2check.log.target", "System.err");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns the exit code (tests call this; only {@link #main} exits). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /** The same with standard input given (for {@code ra2check workload -}). */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CompletableFuture<RequirementCatalog> catalog = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                catalog.complete(RequirementCatalog.builtIn());
            } catch (RuntimeException | Error e) {
                catalog.completeExceptionally(e);
            }
        }, "ra2check-catalog");
        loader.setDaemon(true);
        loader.start();
        String invoked = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help") ? args[0] : null;
        CommandLine cl = commandLine(catalog, invoked, in);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("ra2check: " + ex.getMessage() + didYouMean(ex));
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

    /**
     * The command line with {@code invoked}'s subcommand only, or all of them when {@code invoked} is null (help, a
     * mistyped command, and the completion script and man page, which describe every command).
     */
    static CommandLine commandLine(CompletableFuture<RequirementCatalog> catalog, String invoked, InputStream in) {
        CommandLine cl = new CommandLine(new Main(catalog, in));
        for (Map.Entry<String, Supplier<Object>> e : SUBCOMMANDS.entrySet()) {
            if (invoked == null || invoked.equals(e.getKey())) {
                cl.addSubcommand(e.getKey(), e.getValue().get());
            }
        }
        return cl;
    }

    /** Every command, for the completion script and the man page (no catalog: neither runs a check). */
    static CommandLine fullCommandLine() {
        return commandLine(new CompletableFuture<>(), null, InputStream.nullInputStream());
    }

    private static String didYouMean(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                return " (did you mean " + String.join(" or ", suggestions.stream().limit(3)
                        .map(x -> "'" + x + "'").toList()) + "?)";
            }
        }
        return "";
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
            List<String> lines = new ArrayList<>();
            lines.add("ra2check " + Version.get());
            lines.add(Version.commit().map(c -> "commit " + c + Version.commitTime().map(t -> " (" + t + ")")
                    .orElse("")).orElse("commit unknown (built outside a git checkout)"));
            lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                    + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            return lines.toArray(String[]::new);
        }
    }
}

package io.ra2check.collector;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar ra2check-collector.jar [flags]}: the only place that exits the process. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * {@code cleanup [flags]} runs {@link CleanupCommand} and returns its exit code. Otherwise: parses the flags and runs the collector until the process is told to stop. Returns the exit code: 0 after a
     * clean stop or for --help/--version, 2 for bad flags (one line on {@code err}), 1 when it cannot start.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && "cleanup".equals(args[0])) {
            return CleanupCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        CollectorCommand cmd = new CollectorCommand();
        CommandLine cl = new CommandLine(cmd);
        CollectorConfig config;
        Config clientConfig;
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                cl.usage(out);
                return 0;
            }
            if (cl.isVersionHelpRequested()) {
                cl.printVersionHelp(out);
                return 0;
            }
            cmd.validateLogLevel(cl);
            if (cl.getParseResult().hasMatchedOption("--log-level")) {
                // before anything logs: the JSON log backend reads its threshold once
                System.setProperty("ra2check.log.level", cmd.logLevel());
            }
            clientConfig = cmd.clientConfig(cl);
            String ns = CollectorCommand.inClusterNamespace();
            if (ns == null || ns.isEmpty()) {
                ns = clientConfig.getNamespace() == null || clientConfig.getNamespace().isEmpty() ? "default"
                        : clientConfig.getNamespace();
            }
            config = cmd.config(cl, ns);
            cmd.requireCredentials(cl);
        } catch (CommandLine.ParameterException e) {
            err.println("ra2check-collector: " + e.getMessage().replaceAll("\\s+", " ").trim()
                    + " (see --help)");
            return 2;
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
        Collector collector;
        try {
            collector = Collector.start(config, client);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("ra2check-collector: cannot start: " + e.getMessage());
            client.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            client.close();
            stopped.countDown();
        }, "ra2check-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

package io.ra2check.collector;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ra2check.collector.publish.Uninstall;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ra2check-collector cleanup}: what the chart's pre-delete hook runs, so that an uninstall leaves no
 * {@code Ra2Conformant} condition behind (and, when asked, none of the collector's labels and annotations).
 */
@Command(name = "ra2check-collector cleanup", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = "Removes the Ra2Conformant condition from every Node (only that condition), and with "
                + "--remove-node-keys the anuket.io/profile/* labels and ra2check.io/* annotations.")
final class CleanupCommand {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig to use; default: in-cluster ServiceAccount, else ~/.kube/config")
    Path kubeconfig;

    @Option(names = "--remove-node-keys", description = "also remove the collector's labels and annotations")
    boolean removeNodeKeys;

    @Option(names = "--api-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "timeout of one request to the API server (default: ${DEFAULT-VALUE})")
    String apiTimeout;

    /** Exit code: 0 done, 1 some nodes could not be cleaned (named on {@code err}), 2 bad flags or no credentials. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CleanupCommand cmd = new CleanupCommand();
        CommandLine cl = new CommandLine(cmd);
        Config config;
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                cl.usage(out);
                return 0;
            }
            if (cl.isVersionHelpRequested()) {
                out.println(new CollectorCommand.Version().getVersion()[0]);
                return 0;
            }
            config = cmd.clientConfig(cl);
        } catch (CommandLine.ParameterException e) {
            err.println("ra2check-collector cleanup: " + e.getMessage().replaceAll("\\s+", " ").trim()
                    + " (see --help)");
            return 2;
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            return report(new Uninstall(client).run(cmd.removeNodeKeys), cmd.removeNodeKeys, out, err);
        } catch (KubernetesClientException e) {
            // the listing itself failed: nothing was changed
            err.println("ra2check-collector cleanup: cannot list the nodes: " + e.getCode() + " "
                    + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage().replaceAll("\\s+", " ") : e.getClass().getSimpleName()));
            return 1;
        }
    }

    static int report(Uninstall.Result r, boolean keys, PrintStream out, PrintStream err) {
        out.println("ra2check-collector cleanup: " + r.nodes() + " nodes, Ra2Conformant condition removed from "
                + r.conditionsRemoved() + (keys ? ", labels and annotations removed from " + r.keysRemoved() : ""));
        for (String f : r.failed()) {
            err.println("ra2check-collector cleanup: could not clean node " + f);
        }
        return r.failed().isEmpty() ? 0 : 1;
    }

    private Config clientConfig(CommandLine cl) {
        if (kubeconfig == null) {
            String home = System.getProperty("user.home");
            if (CollectorCommand.credentialsSource(System.getenv(), home == null ? null : Path.of(home),
                    CollectorCommand.SERVICE_ACCOUNT_TOKEN).isEmpty()) {
                throw new CommandLine.ParameterException(cl, "no Kubernetes credentials: not in a pod and no "
                        + "kubeconfig (--kubeconfig FILE, $KUBECONFIG, ~/.kube/config)");
            }
        }
        Config base;
        try {
            base = kubeconfig != null ? Config.fromKubeconfig(null, Files.readString(kubeconfig),
                    kubeconfig.toAbsolutePath().toString()) : Config.autoConfigure(null);
        } catch (java.io.IOException | RuntimeException e) {
            throw new CommandLine.ParameterException(cl, "cannot load the Kubernetes client configuration: "
                    + e.getClass().getSimpleName());
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE,
                CollectorCommand.duration(cl, "--api-timeout", apiTimeout, false).toMillis());
        return new ConfigBuilder(base).withRequestTimeout(timeout).withConnectionTimeout(Math.min(timeout, 5000))
                .build();
    }
}

package io.ra2check.agent.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ra2check.agent.NodeScan;
import io.ra2check.agent.facts.HostFacts;
import io.ra2check.agent.host.HostRoot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code ra2check facts}: what the probes read, before any check. */
@Command(name = "facts", mixinStandardHelpOptions = true,
        description = "Print the facts the probes read from a host (JSON). On the live host, an 'oshi' section adds "
                + "OSHI's independent view of the machine's identity for comparison.")
final class FactsCommand implements Callable<Integer> {
    @Mixin
    RootOptions root;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration (its runtime storage paths decide "
            + "which filesystem is measured).")
    Path config;

    @Option(names = "--kubelet-config", paramLabel = "FILE", description = "Read this kubelet configuration file "
            + "instead of the host's.")
    Path kubeletConfig;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "json", description = "json (the only format).")
    String output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Option(names = "--no-oshi", description = "Leave out the OSHI section on a live host.")
    boolean noOshi;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        if (!output.equals("json")) {
            throw new Main.UsageError("--output: facts are printed as json, got '" + output + "'");
        }
        Output.checkWritable("--out", out);
        JudgementOptions judgement = new JudgementOptions();
        judgement.config = config;
        judgement.kubeletConfig = kubeletConfig;
        NodeScan scan = judgement.resolve(main.catalog(), Clock.systemUTC()).scan();
        HostRoot host = root.open();
        HostFacts facts = scan.facts(host);
        ObjectMapper m = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode tree = m.valueToTree(facts);
        if (host.kind() == HostRoot.Kind.LIVE && !noOshi) {
            tree.set("oshi", m.valueToTree(OshiView.read()));
        }
        Output.write("--out", m.writeValueAsString(tree) + "\n", out, spec.commandLine().getOut());
        return 0;
    }
}

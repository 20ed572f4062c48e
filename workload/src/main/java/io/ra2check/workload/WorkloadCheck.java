package io.ra2check.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ra2check.report.Finding;
import io.ra2check.report.Level;
import io.ra2check.report.Outcome;
import io.ra2check.report.Profile;
import io.ra2check.report.Requirement;
import io.ra2check.report.Verdict;
import io.ra2check.report.Verdicts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks Kubernetes manifests against the RA2 workload requirements ({@link WorkloadRules}): one finding per rule per
 * object the rule speaks about. Rules a manifest cannot settle (image size, log output, ...) are MANUAL findings,
 * never left out.
 *
 * <pre>
 * List&lt;KubeObject&gt; objects = Manifests.parse(helmTemplateOutput, "ra2check chart");
 * WorkloadReport r = WorkloadCheck.checkObjects(objects, Set.of("ra2.app.030@DaemonSet/ra2check-agent"));
 * r.problems()   // unexcused FAILs and WARNs
 * </pre>
 */
public final class WorkloadCheck {
    /** {@link Verdict#judgedBy()} of workload findings: judged from manifests, not from a host or the cluster. */
    public static final String JUDGED_BY = "workload-check";
    /** The name given to the namespace of objects whose manifest leaves it to the installer. */
    public static final String INSTALL_NAMESPACE = "(namespace chosen at install)";

    private WorkloadCheck() {
    }

    /**
     * Checks parsed objects.
     *
     * @param objects           Kubernetes objects as Jackson trees (each with apiVersion, kind, metadata.name)
     * @param allowedExceptions rules accepted failing: {@code ra2.app.030} (any object) or
     *                          {@code ra2.app.030@DaemonSet/ra2check-agent} (one object)
     * @throws IllegalArgumentException (one line) for an object that is not a Kubernetes object, or an exception that
     *                                  names no workload rule
     */
    public static WorkloadReport check(List<JsonNode> objects, Set<String> allowedExceptions) {
        Objects.requireNonNull(objects, "objects");
        List<KubeObject> wrapped = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            wrapped.add(Manifests.object(objects.get(i), "object #" + (i + 1)));
        }
        return checkObjects(wrapped, allowedExceptions);
    }

    /** Checks objects read with {@link Manifests} (their findings name the file and document they came from). */
    public static WorkloadReport checkObjects(List<KubeObject> objects, Set<String> allowedExceptions) {
        Objects.requireNonNull(allowedExceptions, "allowedExceptions");
        List<AllowedException> exceptions = allowedExceptions.stream().sorted().map(AllowedException::parse).toList();
        List<KubeObject> subjects = new ArrayList<>(objects);
        subjects.addAll(undeclaredNamespaces(objects));
        ManifestSet all = new ManifestSet(subjects);

        List<WorkloadFinding> findings = new ArrayList<>();
        Set<AllowedException> used = new LinkedHashSet<>();
        for (KubeObject object : subjects) {
            ObjectRef ref = object.ref();
            for (WorkloadRule rule : WorkloadRules.all()) {
                Finding f = rule.judge().judge(object, all);
                if (f == null) {
                    continue;
                }
                AllowedException excuse = f.outcome() != Outcome.FAIL ? null : exceptions.stream()
                        .filter(e -> e.covers(rule.id(), ref)).findFirst().orElse(null);
                if (excuse != null) {
                    used.add(excuse);
                }
                findings.add(new WorkloadFinding(ref, verdict(rule, f, excuse != null)));
            }
        }
        List<String> unused = exceptions.stream().filter(e -> !used.contains(e)).map(AllowedException::text).toList();
        return new WorkloadReport(findings, unused);
    }

    /** The rules, for listing (IDs, titles, levels). */
    public static List<WorkloadRule> rules() {
        return WorkloadRules.all();
    }

    private static Verdict verdict(WorkloadRule rule, Finding f, boolean excepted) {
        // a rule's level is the same in every profile (WorkloadRule checks it), so the status does not depend on
        // which one is asked for
        Requirement r = rule.requirement();
        return Verdicts.of(r, f, r.levels(), null, excepted, Profile.BASIC, JUDGED_BY);
    }

    /**
     * The namespaces workload objects run in that the manifests do not declare: their resource limits (ra2.app.032)
     * are a MANUAL finding rather than a silent gap.
     */
    private static List<KubeObject> undeclaredNamespaces(List<KubeObject> objects) {
        Set<String> declared = new LinkedHashSet<>();
        objects.stream().filter(o -> o.kind().equals("Namespace")).forEach(o -> declared.add(o.name()));
        Set<String> used = new LinkedHashSet<>();
        for (KubeObject o : objects) {
            if (o.isWorkload()) {
                used.add(o.namespace() == null ? INSTALL_NAMESPACE : o.namespace());
            }
        }
        used.removeAll(declared);
        List<KubeObject> placeholders = new ArrayList<>();
        for (String ns : used) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", ns);
            placeholders.add(new KubeObject("not in the manifests; workload objects run in it", node, false));
        }
        return placeholders;
    }
}

package io.ra2check.deploy;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** helm lint (ra2.app.012), and values.schema.json turning bad values into errors before anything renders. */
class ChartLintAndSchemaTest {
    @RegisterExtension
    final FakeKubeApi api = new FakeKubeApi();

    @Test
    void helmLintStrictPasses() {
        LintResult lint = Chart.lint();
        assertFalse(lint.isFailed(), () -> String.join("\n", lint.getMessages()));
        // strict mode fails on warnings; what remains are INFO notes (the chart has no icon)
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> String.join("\n", lint.getMessages()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the latest tag                    | image: {tag: latest}                                   | image.tag
            a memory limit removed            | agent: {resources: {limits: {memory: null}}}          | memory
            a misspelt key                    | agent: {intervall: 5m}                                 | intervall
            a collector uid of 999            | collector: {runAsUser: 999}                            | runAsUser
            a token shorter than 10 minutes   | agent: {tokenExpirationSeconds: 60}                    | tokenExpirationSeconds
            a relative host path              | agent: {hostPaths: {sys: sys}}                         | sys
            an interval that is no duration   | agent: {interval: ten minutes}                         | interval
            a TLS mode that does not exist    | collector: {tls: {mode: self-signed}}                  | mode
            a workload namespace in capitals  | collector: {workloadNamespaces: [Shop]}                | workloadNamespaces
            a workload namespace given twice  | collector: {workloadNamespaces: [shop, shop]}          | workloadNamespaces
            """)
    void theSchemaRejects(String what, String values, String field) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(Chart.RELEASE, Chart.NAMESPACE, values), what);
        assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"), e.getMessage());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void anExistingSecretModeWithoutASecretNameSaysWhichValueToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(Chart.RELEASE, Chart.NAMESPACE, "collector: {tls: {mode: existingSecret}}"));
        assertTrue(e.getMessage().contains("collector.tls.existingSecret: name the Secret (tls.crt, tls.key, ca.crt) "
                + "when collector.tls.mode is existingSecret"), e.getMessage());
    }
}

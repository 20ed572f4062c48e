package io.ra2check.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.ra2check.report.Outcome;
import io.ra2check.report.Status;
import io.ra2check.report.Verdict;
import io.ra2check.workload.fixture.ReachesIntoAgent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The design rules of the developers' guide, enforced over the main code of every module. */
class DesignRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ra2check");

    @Test
    void theImportSeesEveryModule() {
        for (String pkg : List.of("io.ra2check.report", "io.ra2check.nativeprobes", "io.ra2check.agent",
                "io.ra2check.collector", "io.ra2check.workload")) {
            assertFalse(MAIN.stream().noneMatch(c -> c.getPackageName().startsWith(pkg)), pkg + " was not imported");
        }
    }

    @Test
    void onlyNativeProbesTouchesJna() {
        noClasses().that().resideOutsideOfPackage("io.ra2check.nativeprobes..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .because("kernel calls through JNA are confined to native-probes, which degrades without them")
                .check(MAIN);
    }

    @Test
    void onlyMainMethodsExit() {
        noClasses().that().doNotHaveSimpleName("Main")
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .because("only a main method may end the JVM; everything else returns an exit code")
                .check(MAIN);
    }

    @Test
    void theCollectorUsesNoAgentCode() {
        noClasses().that().resideInAPackage("io.ra2check.collector..")
                .should().dependOnClassesThat().resideInAPackage("io.ra2check.agent..")
                .because("the collector shares only report-model with the agent")
                .check(MAIN);
    }

    @Test
    void theWorkloadRulesUseOnlyTheReportModel() {
        workloadRulesOnlyOnReportModel().check(MAIN);
    }

    private static ArchRule workloadRulesOnlyOnReportModel() {
        return noClasses().that().resideInAPackage("io.ra2check.workload..")
                .should().dependOnClassesThat(resideInAPackage("io.ra2check..")
                        .and(not(resideInAnyPackage("io.ra2check.workload..", "io.ra2check.report.."))))
                .because("the agent's CLI and the collector both judge workloads: the rules cannot lean on either");
    }

    @Test
    void theWorkloadRuleCanFail() {
        // a workload class that reaches into the agent breaks it
        JavaClasses bad = new ClassFileImporter().importClasses(ReachesIntoAgent.class, io.ra2check.agent.Version.class);
        assertThrows(AssertionError.class, () -> workloadRulesOnlyOnReportModel().check(bad));
    }

    @Test
    void checksDoNoFileIo() {
        noClasses().that().resideInAnyPackage("io.ra2check.agent.check..", "io.ra2check.collector.check..")
                .should().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                        java.io.FileOutputStream.class, java.io.FileReader.class, java.io.FileWriter.class,
                        java.io.RandomAccessFile.class)
                .orShould().dependOnClassesThat().resideInAPackage("java.nio.file..")
                .orShould().dependOnClassesThat().resideInAPackage("java.nio.channels..")
                // the agent's file access (host trees, snapshots) is I/O too
                .orShould().dependOnClassesThat().resideInAnyPackage("io.ra2check.agent.host..",
                        "io.ra2check.agent.snapshot..")
                .because("checks are pure functions of facts: reading belongs to the probes")
                .check(MAIN);
    }

    @Test
    void verdictsAreMadeOnlyByTheFactoryInReportModel() {
        verdictConstructorOutsideReportModel().check(MAIN);
    }

    private static ArchRule verdictConstructorOutsideReportModel() {
        return noClasses().that().resideOutsideOfPackage("io.ra2check.report")
                .should().callConstructor(Verdict.class, String.class, String.class, Outcome.class, Status.class,
                        Map.class, String.class, String.class, String.class, String.class, List.class, String.class,
                        boolean.class, String.class)
                .because("Verdicts.of is the one way a finding becomes a verdict (status and remediation rules)");
    }

    @Test
    void theFactoryRuleCanFail() {
        // the rule is not vacuous: a class that builds a verdict by hand breaks it
        JavaClasses bad = new ClassFileImporter().importClasses(HandMadeVerdict.class);
        assertThrows(AssertionError.class, () -> verdictConstructorOutsideReportModel().check(bad));
    }

    static final class HandMadeVerdict {
        Verdict make() {
            return new Verdict("ra2.ch.004", "SMT", Outcome.PASS, Status.PASS, Map.of(), null, "", "", null,
                    List.of(), null, false, Verdict.BY_AGENT);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.ra2check.(**)").should().beFreeOfCycles().check(MAIN);
    }
}

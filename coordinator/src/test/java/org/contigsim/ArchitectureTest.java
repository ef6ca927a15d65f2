package org.contigsim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module cut of docs/architecture.md as rules: what each part may see. The kernel model
 * (memory, procfs, NIC, buffer policies) is plain Java; the scenario model and the workloads see
 * only the kernel model; the host actor does not know the coordinator; the simulation does not
 * know how it is run; nothing but the CLI knows the CLI.
 */
@AnalyzeClasses(packages = "org.contigsim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String[] KERNEL = {"org.contigsim.memory..", "org.contigsim.procfs..", "org.contigsim.nic..",
        "org.contigsim.buffer..", "org.contigsim.base.."};
    static final String[] WORKLOADS = {"org.contigsim.workload..", "org.contigsim.scenario..",
        "org.contigsim.script.."};

    @ArchTest
    static final ArchRule kernelModelIsPlainJava = classes().that().resideInAnyPackage(KERNEL)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(KERNEL, "java..",
                    // only to read the shipped NIC profiles
                    "com.typesafe.config.."))
            .because("the kernel and NIC model are plain Java: no Pekko, no wire format, no workloads");

    @ArchTest
    static final ArchRule workloadsAndScenariosSeeOnlyTheKernelModel = classes().that()
            .resideInAnyPackage(WORKLOADS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(concat(KERNEL, WORKLOADS), "java..",
                    "com.typesafe.config.."))
            .because("the scenario model and the workloads are plain Java beside the kernel model");

    @ArchTest
    static final ArchRule noPekkoOutsideTheActorsAndTheirRuntime = noClasses().that()
            .resideInAnyPackage(concat(KERNEL, WORKLOADS))
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..",
                    "com.esotericsoftware..");

    @ArchTest
    static final ArchRule theHostDoesNotKnowTheCoordinator = noClasses().that()
            .resideInAnyPackage("org.contigsim.host..", "org.contigsim.wire..")
            .should().dependOnClassesThat().resideInAnyPackage("org.contigsim.coordinator..",
                    "org.contigsim.runtime..", "org.contigsim.cli..", "org.contigsim.report..",
                    "org.contigsim.metrics..", "org.contigsim.scenario..", "org.contigsim.script..");

    @ArchTest
    static final ArchRule theSimulationDoesNotKnowHowItIsRun = noClasses().that()
            .resideInAnyPackage("org.contigsim.coordinator..", "org.contigsim.report..")
            .should().dependOnClassesThat().resideInAnyPackage("org.contigsim.runtime..", "org.contigsim.cli..",
                    "org.contigsim.metrics..");

    @ArchTest
    static final ArchRule onlyTheCliKnowsTheCli = noClasses().that().resideOutsideOfPackage("org.contigsim.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.contigsim.cli..");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.contigsim.(*)..")
            .should().beFreeOfCycles();

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

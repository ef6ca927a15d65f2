package org.contigsim;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.contigsim.coordinator.CapacityResults;
import org.contigsim.coordinator.Coordinator;
import org.contigsim.coordinator.RunObserver;
import org.contigsim.coordinator.Runner;
import org.contigsim.coordinator.Sweep;
import org.contigsim.hocon.InputException;
import org.contigsim.host.ClusterConfig;
import org.contigsim.host.ClusterTls;
import org.contigsim.host.HostShards;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.AllocTrace;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.memory.Pages;
import org.contigsim.memory.PhysicalMemory;
import org.contigsim.memory.ZoneLayout;
import org.contigsim.nic.Calibration;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.Perftest;
import org.contigsim.procfs.BuddyInfo;
import org.contigsim.procfs.HostImport;
import org.contigsim.procfs.PageTypeInfo;
import org.contigsim.procfs.ProcDump;
import org.contigsim.procfs.ProcParseException;
import org.contigsim.procfs.ProcSnapshot;
import org.contigsim.script.ScriptParser;
import org.contigsim.script.ScriptRunner;
import org.contigsim.workload.MemoryWorkload;
import org.contigsim.workload.Preset;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module cut of docs/architecture.md as rules: what each part may see. The kernel model
 * (memory, procfs, NIC, buffer policies) is plain Java; the scenario model and the workloads see
 * only the kernel model; the host actor does not know the coordinator; the simulation does not
 * know how it is run; nothing but the CLI knows the CLI.
 */
@AnalyzeClasses(packages = "org.contigsim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String[] KERNEL = {"org.contigsim.memory..", "org.contigsim.procfs..", "org.contigsim.nic..",
        "org.contigsim.buffer..", "org.contigsim.base..", "org.contigsim.machine.."};
    static final String[] WORKLOADS = {"org.contigsim.workload..", "org.contigsim.placement..", "org.contigsim.scenario..",
        "org.contigsim.script..", "org.contigsim.hocon.."};

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

    /**
     * A command parses its flags and calls an entry point: the runtime (a cluster run), the
     * single-host experiments, a sweep. Of the model it sees only what its flags are made into
     * (a host's settings, a NIC profile, a /proc dump, a scenario) and nothing of how a host
     * allocates, reclaims or compacts.
     */
    @ArchTest
    static final ArchRule theCliReachesOnlyEntryPoints = classes().that().resideInAPackage("org.contigsim.cli..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "picocli..", "com.typesafe.config..",
                    "com.fasterxml.jackson..", "org.apache.commons.io..", "org.contigsim.cli..",
                    "org.contigsim.runtime..", "org.contigsim.singlehost..", "org.contigsim.lab..", "org.contigsim.scenario..",
                    "org.contigsim.metrics..", "org.contigsim.base..")
                    .or(belongToAnyOf(
                            // what flags are made into
                            HostSpec.class, HostSpec.Tuning.class,
                            HostConfig.class, HostConfig.Builder.class, HostConfig.HugetlbReservation.class,
                            KernelVersion.class, ZoneLayout.class, PhysicalMemory.class, Pages.class,
                            DeviceProfile.class, Calibration.class, Calibration.Row.class,
                            Calibration.Residual.class, Perftest.class, AllocTrace.class, AllocTrace.Trace.class,
                            ProcSnapshot.class, BuddyInfo.class, PageTypeInfo.class, HostImport.class,
                            ProcParseException.class, Preset.class, MemoryWorkload.class,
                            // entry points
                            ScriptRunner.class, ScriptParser.Start.class, ProcDump.class, InputException.class, Sweep.class, Runner.class,
                            RunObserver.class, Coordinator.class, CapacityResults.class, CapacityResults.Capacity.class, ClusterConfig.class,
                            ClusterTls.class, HostShards.class)));

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.contigsim.(*)..")
            .should().beFreeOfCycles();

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

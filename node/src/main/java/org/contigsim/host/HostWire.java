package org.contigsim.host;

import org.contigsim.buffer.BufferPolicy;
import org.contigsim.machine.HostSpec;
import org.contigsim.memory.HostConfig;
import org.contigsim.memory.KernelVersion;
import org.contigsim.nic.AccessPattern;
import org.contigsim.nic.DeviceProfile;
import org.contigsim.nic.Limit;
import org.contigsim.nic.Operation;
import org.contigsim.nic.RegionLayout;
import org.contigsim.procfs.ProcDump;
import org.contigsim.wire.WireRegistrar;
import org.contigsim.wire.WireRegistry;

/**
 * Wire ids of the host protocol and everything it carries (ids 100..199). Ids are part of the
 * wire format between members of one version: append new types, never renumber.
 */
public final class HostWire implements WireRegistrar {
    @Override
    public void register(WireRegistry r) {
        r.register(HostNode.Configure.class, 100);
        r.register(HostNode.Advance.class, 101);
        r.register(HostNode.Configured.class, 102);
        r.register(HostNode.EpochDone.class, 103);
        r.register(EpochRelay.RelayAdvance.class, 104);
        r.register(EpochRelay.RelayDone.class, 105);
        r.register(EpochRelay.HostWork.class, 106);
        r.register(EpochRelay.WrappedDone.class, 107);
        r.register(HostNode.Finish.class, 108);
        r.register(HostNode.Final.class, 109);
        r.register(HostSetup.class, 110);
        r.register(HostSummary.class, 111);
        r.register(BufferOutcome.class, 112);
        r.register(Assignment.Allocate.class, 113);
        r.register(Assignment.Release.class, 114);
        // 115 was the buffer policy when it was one record; it is now the records from 124 on
        r.register(ProcDump.class, 116);
        r.register(HostNode.Rebuild.class, 117);
        r.register(HostNode.EpochWork.class, 118);
        r.register(HostNode.Rebuilt.class, 119);
        r.register(RegionLayout.class, 120);
        r.register(AccessPattern.class, 121);
        r.register(Operation.class, 122);
        r.register(Limit.class, 123);
        r.register(BufferPolicy.Buddy.class, 124);
        r.register(BufferPolicy.Compaction.class, 125);
        r.register(BufferPolicy.ContigRange.class, 126);
        r.register(BufferPolicy.HugetlbBoot.class, 127);
        r.register(BufferPolicy.ProtectOrders.class, 128);
        r.register(BufferPolicy.MovableZone.class, 129);
        r.register(KernelVersion.class, 130);
        r.register(DeviceProfile.class, 131);
        r.register(DeviceProfile.Link.class, 132);
        r.register(DeviceProfile.Pcie.class, 133);
        r.register(DeviceProfile.Engine.class, 134);
        r.register(DeviceProfile.Translation.class, 135);
        r.register(DeviceProfile.Iommu.class, 136);
        r.register(HostSpec.class, 137);
        r.register(HostSpec.Tuning.class, 138);
        r.register(HostConfig.HugetlbReservation.class, 139);
    }
}

package org.contigsim.procfs;

import java.util.List;

import org.contigsim.memory.MemoryView;
import org.contigsim.memory.MigrateType;
import org.contigsim.memory.ZoneType;
import org.contigsim.memory.ZoneView;

/**
 * A {@link MemoryView} that answers from a parsed {@link ProcSnapshot}, so the formatters can be
 * checked against real files without a simulated allocator. Reusable by any test that needs a
 * host in a known state.
 */
public final class SnapshotView implements MemoryView {
    private final ProcSnapshot snapshot;
    private final List<ZoneView> zones;

    public SnapshotView(ProcSnapshot snapshot) {
        this.snapshot = snapshot;
        this.zones = snapshot.zones().stream().<ZoneView>map(SnapshotZone::new).toList();
    }

    public ProcSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<ZoneView> zones() {
        return zones;
    }

    @Override
    public boolean cmaConfigured() {
        return snapshot.hasCma();
    }

    private record SnapshotZone(ProcSnapshot.Zone zone) implements ZoneView {
        @Override
        public int node() {
            return zone.node();
        }

        @Override
        public ZoneType type() {
            return zone.zone();
        }

        @Override
        public long nrFree(int order, MigrateType type) {
            return zone.nrFree(order, type);
        }

        @Override
        public long nrFree(int order) {
            return zone.nrFree(order);
        }

        @Override
        public long pageblocks(MigrateType type) {
            return zone.pageblocks(type);
        }
    }
}

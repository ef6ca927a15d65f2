/**
 * Placement policies as compositions, after OpenDC's and OpenStack's filter schedulers: filters
 * ({@link org.contigsim.placement.HostFilter}) say whether a host can give a job's buffer at
 * all, weighers ({@link org.contigsim.placement.HostWeigher}) how good a choice it is, and a
 * {@link org.contigsim.placement.PlacementPolicy} lists the filters and the weighers with their
 * multipliers: one of the named compositions, or one a scenario spells out. The coordinator's
 * {@code Placement} runs them. Plain Java, deterministic, no framework.
 */
package org.contigsim.placement;

package org.contigsim.placement;

/**
 * A host as placement sees it while an epoch's jobs are placed: what its last report offered,
 * less what this epoch's earlier placements booked on it.
 *
 * @param hostId the host's id
 * @param offeredBytes what the host offers a buffer under the run's buffer policy: the largest
 *     aligned free range (contig-range, movable-zone), the free pages of the hugetlb pool
 *     (hugetlb-boot), or available memory (the buddy policies)
 * @param freeBytes the host's free memory
 */
public record Candidate(int hostId, long offeredBytes, long freeBytes) {
}

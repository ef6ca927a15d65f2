/**
 * One simulated machine as every front end describes it ({@link org.contigsim.machine.HostSpec}):
 * its RAM, NUMA nodes, kernel, NIC and the kernel settings it boots with. Scenarios, memory
 * scripts, the {@code memory} flags and the host actor all meet here, so a host's settings
 * travel as one record rather than as loose fields.
 */
package org.contigsim.machine;

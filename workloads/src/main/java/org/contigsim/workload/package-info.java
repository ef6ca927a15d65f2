/**
 * Demand models (memory churn, RDMA job streams, traces) and scenario parsing; pure Java, no Pekko.
 */
package org.contigsim.workload;

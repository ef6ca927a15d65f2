/**
 * JMH and heap-size benchmarks; run with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package org.contigsim.bench;

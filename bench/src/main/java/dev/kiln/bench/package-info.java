/**
 * JMH benchmarks of Kiln beside its peers, run by {@code bench/run.sh}: each benchmark class
 * measures Kiln and OpenBLAS and/or ONNX Runtime in the same run on the same data, after checking
 * that their outputs agree ({@link dev.kiln.bench.support.Agreement}).
 */
package dev.kiln.bench;

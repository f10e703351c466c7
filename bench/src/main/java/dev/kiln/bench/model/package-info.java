/**
 * The benchmark workloads: each holds its deterministic data and weights and builds both the
 * Kiln model (from {@code dev/kiln/bench/*.kiln}) and the equivalent ONNX graph, so that every
 * implementation computes the same function of the same numbers.
 */
package dev.kiln.bench.model;

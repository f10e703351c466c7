package dev.kiln.bench.model;

import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;

/** A model measured twice on the same weights and input: compiled by Kiln, and as an ONNX graph. */
public interface OrtWorkload {
  /** The operations one run counts, for GFLOP/s. */
  double flops();

  /** The Kiln model, compiled. */
  CompiledModel kiln();

  /** The input for Kiln. */
  Tensor kilnInput();

  /** The same input, flattened, for ONNX Runtime's input {@code x}. */
  float[] input();

  long[] inputShape();

  /** The equivalent ONNX graph (serialized ModelProto). */
  byte[] onnx();
}

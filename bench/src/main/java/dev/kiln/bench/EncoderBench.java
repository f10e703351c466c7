package dev.kiln.bench;

import dev.kiln.bench.model.EncoderBlock;
import dev.kiln.bench.model.OrtWorkload;

/**
 * One transformer encoder block ({@link EncoderBlock}: 128 tokens, width 256, 4 heads, FFN 1024):
 * Kiln's {@code encoder.kiln} against the equivalent ONNX graph in ONNX Runtime.
 */
public class EncoderBench extends OrtComparisonBench {
  @Override protected OrtWorkload workload() { return new EncoderBlock(); }

  @Override protected String label() { return "Kiln encoder.kiln vs ONNX Runtime"; }
}

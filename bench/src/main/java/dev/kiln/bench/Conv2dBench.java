package dev.kiln.bench;

import dev.kiln.bench.model.ConvLayer;
import dev.kiln.bench.model.OrtWorkload;

/**
 * A ResNet-style 3×3 convolution layer ({@link ConvLayer}: 1×64×56×56, 64 filters, pad 1):
 * Kiln's std/nn {@code conv2d} with its default schedule against one ONNX Runtime Conv node.
 */
public class Conv2dBench extends OrtComparisonBench {
  @Override protected OrtWorkload workload() { return new ConvLayer(); }

  @Override protected String label() { return "Kiln conv2d vs ONNX Runtime Conv"; }
}

package dev.kiln.bench.model;

import dev.kiln.bench.peer.OnnxGraph;
import dev.kiln.bench.support.RandomData;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.util.Map;

/**
 * A ResNet-style convolution layer: input 1×64×56×56 (NCHW), 64 filters of 64×3×3, stride 1,
 * zero padding 1, no bias; output 1×64×56×56. Kiln runs std/nn conv2d ({@code conv.kiln}),
 * ONNX Runtime one Conv node with the weights as an initializer.
 */
public final class ConvLayer implements OrtWorkload {
  public static final int C = 64;
  public static final int F = 64;
  public static final int H = 56;
  public static final int W = 56;
  public static final int KH = 3;
  public static final int KW = 3;

  private final float[] x = RandomData.uniform(3, C * H * W, 1);
  private final NamedWeights weights = new NamedWeights().add("w", C * KH * KW, F, C, KH, KW);

  /** Multiply-adds times two, counting every output of the padded 3×3 window. */
  public double flops() {
    return 2.0 * F * H * W * C * KH * KW;
  }

  public CompiledModel kiln() {
    return KilnSource.compile("conv.kiln", Map.of(), weights.tensors());
  }

  public Tensor kilnInput() {
    return Tensor.of(x, 1, C, H, W);
  }

  public float[] input() {
    return x;
  }

  public long[] inputShape() {
    return new long[] {1, C, H, W};
  }

  public byte[] onnx() {
    OnnxGraph g = new OnnxGraph("conv");
    String y = g.node("Conv", new String[] {g.input("x", 1L, (long) C, (long) H, (long) W),
            g.constant("w", weights.data("w"), weights.dims("w"))},
        OnnxGraph.ints("kernel_shape", KH, KW), OnnxGraph.ints("pads", 1, 1, 1, 1),
        OnnxGraph.ints("strides", 1, 1));
    g.output(g.identity(y, "y"), 1L, (long) F, (long) H, (long) W);
    return g.toBytes();
  }
}

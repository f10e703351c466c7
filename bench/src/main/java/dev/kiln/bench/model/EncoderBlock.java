package dev.kiln.bench.model;

import dev.kiln.bench.peer.OnnxGraph;
import dev.kiln.bench.support.RandomData;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.util.Map;

/**
 * One post-norm transformer encoder block ({@code encoder.kiln}): sequence T = 128, width
 * D = 256, 4 heads of 64, feed-forward width 1024 with exact (erf) GELU, layer norms with
 * eps 1e-5. The ONNX graph computes the same function node by node: MatMul, Reshape, Transpose,
 * MatMul, Mul (1/sqrt(64)), Softmax, MatMul, Transpose, Reshape, MatMul, Add, LayerNormalization,
 * MatMul, Add, GELU from Erf, MatMul, Add, Add, LayerNormalization.
 */
public final class EncoderBlock implements OrtWorkload {
  public static final int T = 128;
  public static final int D = 256;
  public static final int HEADS = 4;
  public static final int HEAD = D / HEADS;
  public static final int FFN = 1024;

  private final float[] x = RandomData.uniform(5, T * D, 1);
  private final NamedWeights weights = new NamedWeights()
      .add("wq", D, D, D).add("wk", D, D, D).add("wv", D, D, D).add("wo", D, D, D)
      .near("g1", 1, D).near("be1", 0, D)
      .add("w1", D, D, FFN).add("bf1", D, FFN).add("w2", FFN, FFN, D).add("bf2", FFN, D)
      .near("g2", 1, D).near("be2", 0, D);

  /** The matrix products' flops: Q, K, V, O projections, scores, weighted sum, two FFN layers. */
  public double flops() {
    return 2.0 * (4.0 * T * D * D + 2.0 * T * T * D + 2.0 * T * D * FFN);
  }

  public CompiledModel kiln() {
    return KilnSource.compile("encoder.kiln", Map.of(), weights.tensors());
  }

  public Tensor kilnInput() {
    return Tensor.of(x, T, D);
  }

  public float[] input() {
    return x;
  }

  public long[] inputShape() {
    return new long[] {T, D};
  }

  public byte[] onnx() {
    OnnxGraph g = new OnnxGraph("encoder");
    String x0 = g.input("x", (long) T, (long) D);
    String heads = g.int64s("heads_shape", T, HEADS, HEAD);
    String flat = g.int64s("flat_shape", T, D);
    String q = g.node("Transpose", new String[] {g.op("Reshape", matmul(g, x0, "wq"), heads)},
        OnnxGraph.ints("perm", 1, 0, 2));
    String kt = g.node("Transpose", new String[] {g.op("Reshape", matmul(g, x0, "wk"), heads)},
        OnnxGraph.ints("perm", 1, 2, 0));
    String v = g.node("Transpose", new String[] {g.op("Reshape", matmul(g, x0, "wv"), heads)},
        OnnxGraph.ints("perm", 1, 0, 2));
    String scores = g.op("Mul", g.op("MatMul", q, kt), g.scalar((float) (1 / Math.sqrt(HEAD))));
    String p = g.node("Softmax", new String[] {scores}, OnnxGraph.i("axis", -1));
    String o = g.node("Transpose", new String[] {g.op("MatMul", p, v)}, OnnxGraph.ints("perm", 1, 0, 2));
    String a = g.op("Reshape", o, flat);
    String h = layerNorm(g, g.op("Add", x0, matmul(g, a, "wo")), "g1", "be1");
    String u = g.op("Add", matmul(g, h, "w1"), constant(g, "bf1"));
    String erf = g.op("Erf", g.op("Mul", u, g.scalar((float) (1 / Math.sqrt(2)))));
    String gelu = g.op("Mul", u, g.op("Mul", g.scalar(0.5f), g.op("Add", g.scalar(1f), erf)));
    String f = g.op("Add", matmul(g, gelu, "w2"), constant(g, "bf2"));
    String y = layerNorm(g, g.op("Add", h, f), "g2", "be2");
    g.output(g.identity(y, "y"), (long) T, (long) D);
    return g.toBytes();
  }

  private String matmul(OnnxGraph g, String in, String w) {
    return g.op("MatMul", in, constant(g, w));
  }

  private String constant(OnnxGraph g, String name) {
    return g.constant(name, weights.data(name), weights.dims(name));
  }

  private String layerNorm(OnnxGraph g, String in, String gamma, String beta) {
    return g.node("LayerNormalization", new String[] {in, constant(g, gamma), constant(g, beta)},
        OnnxGraph.i("axis", -1), OnnxGraph.f("epsilon", 1e-5f));
  }
}

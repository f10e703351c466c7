package dev.kiln.bench.model;

import dev.kiln.bench.peer.OnnxGraph;
import dev.kiln.bench.support.RandomData;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.util.Map;

/**
 * The 784-512-512-10 perceptron of {@code mlp.kiln}: two dense+ReLU layers and a dense layer with
 * a softmax over the 10 classes, at a given batch. ONNX Runtime runs the same graph
 * (MatMul, Add, Relu, MatMul, Add, Relu, MatMul, Add, Softmax) with the same weights.
 */
public final class Mlp implements OrtWorkload {
  private final int batch;
  private final float[] x;
  private final NamedWeights weights = new NamedWeights()
      .add("w1", 784, 784, 512).add("b1", 784, 512)
      .add("w2", 512, 512, 512).add("b2", 512, 512)
      .add("w3", 512, 512, 10).add("b3", 512, 10);

  public Mlp(int batch) {
    this.batch = batch;
    this.x = RandomData.uniform(4, batch * 784, 1);
  }

  /** The matrix products' flops (bias, ReLU and softmax are not counted). */
  public double flops() {
    return 2.0 * batch * (784 * 512 + 512 * 512 + 512 * 10);
  }

  public CompiledModel kiln() {
    return KilnSource.compile("mlp.kiln", Map.of(), weights.tensors());
  }

  public Tensor kilnInput() {
    return Tensor.of(x, batch, 784);
  }

  public float[] input() {
    return x;
  }

  public long[] inputShape() {
    return new long[] {batch, 784};
  }

  public byte[] onnx() {
    OnnxGraph g = new OnnxGraph("mlp");
    String h = g.input("x", "B", 784L);
    h = g.op("Relu", dense(g, h, "w1", "b1"));
    h = g.op("Relu", dense(g, h, "w2", "b2"));
    String y = g.node("Softmax", new String[] {dense(g, h, "w3", "b3")}, OnnxGraph.i("axis", 1));
    g.output(g.identity(y, "y"), "B", 10L);
    return g.toBytes();
  }

  private String dense(OnnxGraph g, String in, String w, String b) {
    return g.op("Add", g.op("MatMul", in, g.constant(w, weights.data(w), weights.dims(w))),
        g.constant(b, weights.data(b), weights.dims(b)));
  }
}

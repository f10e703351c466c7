package dev.kiln.bench.model;

import dev.kiln.bench.peer.OnnxGraph;
import dev.kiln.bench.support.RandomData;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.util.Map;

/**
 * C = A·B with A M×K and B K×N, row-major, random operands in [-1, 1). Written {@code "MxNxK"}
 * (so {@code 1024x4096x1024} is M = 1024, N = 4096, K = 1024). Both operands are run-time inputs
 * of every implementation: none may pre-pack B at build time.
 */
public record SgemmProblem(int m, int n, int k, float[] a, float[] b) {
  /** Parses {@code "MxNxK"} and draws the operands. */
  public static SgemmProblem parse(String shape) {
    String[] p = shape.split("x");
    if (p.length != 3) {
      throw new IllegalArgumentException("sgemm shape must be MxNxK, got " + shape);
    }
    int m = Integer.parseInt(p[0]);
    int n = Integer.parseInt(p[1]);
    int k = Integer.parseInt(p[2]);
    return new SgemmProblem(m, n, k, RandomData.uniform(1, m * k, 1), RandomData.uniform(2, k * n, 1));
  }

  /** Floating-point operations of one product (a multiply and an add per term). */
  public double flops() {
    return 2.0 * m * n * k;
  }

  /** The Kiln model {@code sgemm.kiln} (`a @ b` tensorized onto the GEMM intrinsic) at this shape. */
  public CompiledModel kiln() {
    return KilnSource.compile("sgemm.kiln", Map.of("M", m, "N", n, "K", k), Map.of());
  }

  public Tensor kilnA() {
    return Tensor.of(a, m, k);
  }

  public Tensor kilnB() {
    return Tensor.of(b, k, n);
  }

  /** One ONNX MatMul node with both operands as graph inputs {@code a} and {@code b}. */
  public byte[] onnx() {
    OnnxGraph g = new OnnxGraph("sgemm");
    String c = g.op("MatMul", g.input("a", (long) m, (long) k), g.input("b", (long) k, (long) n));
    g.output(g.identity(c, "c"), (long) m, (long) n);
    return g.toBytes();
  }
}

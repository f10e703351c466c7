package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each DSL.md op, lowered and run in the reference interpreter, against a plain-Java reference on random data. */
class OpLoweringRunTest {
  private final Random rnd = new Random(42);

  private float[] random(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() * 4 - 2;
    return a;
  }

  private static float[] run(PrimFunc f, int[] sizes, Object... inputs) {
    return (float[]) Interpreter.runAllocating(f, inputs, sizes)[0];
  }

  private static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++)
      assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), "element " + i);
  }

  @Test
  void matmul() {
    int m = 3, k = 4, n = 5;
    float[] a = random(m * k), b = random(k * n), c = new float[m * n];
    for (int i = 0; i < m; i++)
      for (int j = 0; j < n; j++) {
        float s = 0;
        for (int r = 0; r < k; r++) s += a[i * k + r] * b[r * n + j];
        c[i * n + j] = s;
      }
    PrimFunc f = OpLowering.lower(OpSources.op(OpSources.MATMUL), Map.of());
    assertClose(c, run(f, new int[] {m, k, n}, a, b));
  }

  @Test
  void relu() {
    float[] x = random(12), y = new float[12];
    for (int i = 0; i < 12; i++) y[i] = Math.max(x[i], 0f);
    assertClose(y, run(OpLowering.lower(OpSources.op(OpSources.RELU), Map.of()), new int[] {3, 4}, x));
  }

  @Test
  void pad2d() {
    for (int p = 0; p <= 2; p++) {
      int n = 1, c = 2, h = 3, w = 4, hp = h + 2 * p, wp = w + 2 * p;
      float[] x = random(n * c * h * w), y = new float[n * c * hp * wp];
      for (int ci = 0; ci < c; ci++)
        for (int yi = 0; yi < hp; yi++)
          for (int xi = 0; xi < wp; xi++) {
            boolean in = yi >= p && yi < h + p && xi >= p && xi < w + p;
            y[(ci * hp + yi) * wp + xi] = in ? x[(ci * h + yi - p) * w + xi - p] : 0f;
          }
      PrimFunc f = OpLowering.lower(OpSources.op(OpSources.PAD2D), Map.of("p", (long) p));
      assertClose(y, run(f, new int[] {n, c, h, w}, x));
    }
  }

  @Test
  void conv2dStride1And2() {
    int n = 2, c = 2, h = 7, w = 6, fo = 3, kh = 3, kw = 2;
    float[] x = random(n * c * h * w), wt = random(fo * c * kh * kw);
    for (int stride = 1; stride <= 2; stride++) {
      int oh = (h - kh) / stride + 1, ow = (w - kw) / stride + 1;
      float[] y = new float[n * fo * oh * ow];
      for (int b = 0; b < n; b++)
        for (int f = 0; f < fo; f++)
          for (int yi = 0; yi < oh; yi++)
            for (int xi = 0; xi < ow; xi++) {
              float s = 0;
              for (int ci = 0; ci < c; ci++)
                for (int ky = 0; ky < kh; ky++)
                  for (int kx = 0; kx < kw; kx++)
                    s += x[((b * c + ci) * h + yi * stride + ky) * w + xi * stride + kx]
                        * wt[((f * c + ci) * kh + ky) * kw + kx];
              y[((b * fo + f) * oh + yi) * ow + xi] = s;
            }
      Map<String, Object> attrs = stride == 1 ? Map.of() : Map.of("stride", 2L);
      PrimFunc fn = OpLowering.lower(OpSources.op(OpSources.CONV2D), attrs);
      assertClose(y, run(fn, new int[] {n, c, h, w, fo, kh, kw}, x, wt));
    }
  }

  @Test
  void softmaxRows() {
    int n = 3, d = 5;
    float[] x = random(n * d), y = new float[n * d];
    for (int i = 0; i < n; i++) {
      float m = Float.NEGATIVE_INFINITY, s = 0;
      for (int j = 0; j < d; j++) m = Math.max(m, x[i * d + j]);
      for (int j = 0; j < d; j++) s += (float) Math.exp(x[i * d + j] - m);
      for (int j = 0; j < d; j++) y[i * d + j] = (float) Math.exp(x[i * d + j] - m) / s;
    }
    assertClose(y, run(OpLowering.lower(OpSources.op(OpSources.SOFTMAX_ROWS), Map.of()), new int[] {n, d}, x));
  }

  @Test
  void maxPoolWithWhere() {
    int n = 1, c = 2, h = 5, w = 4, oh = h / 2, ow = w / 2;
    float[] x = random(n * c * h * w), y = new float[n * c * oh * ow];
    for (int ci = 0; ci < c; ci++)
      for (int yi = 0; yi < oh; yi++)
        for (int xi = 0; xi < ow; xi++) {
          float m = Float.NEGATIVE_INFINITY;
          for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++) m = Math.max(m, x[(ci * h + 2 * yi + dy) * w + 2 * xi + dx]);
          y[(ci * oh + yi) * ow + xi] = m;
        }
    assertClose(y, run(OpLowering.lower(OpSources.op(OpSources.MAX_POOL), Map.of()), new int[] {n, c, h, w}, x));
  }

  @Test
  void meanRowsUsesDimensionAsValue() {
    int n = 2, d = 3;
    float[] x = random(n * d), y = new float[n];
    for (int i = 0; i < n; i++) {
      float s = 0;
      for (int j = 0; j < d; j++) s += x[i * d + j] / (float) d;
      y[i] = s;
    }
    assertClose(y, run(OpLowering.lower(OpSources.op(OpSources.MEAN_ROWS), Map.of()), new int[] {n, d}, x));
  }

  @Test
  void whereRangeWithNonzeroStartAndIntReductions() {
    String src = """
        op window(X: i32[N]; lo: int = 1) -> Y: i32[N - 2], Z: i32[N - 2] {
          Y[i] min= X[i + r - 1] where r in lo .. 3
          Z[i] *= X[i + r] where r in 0 .. 2
        }
        """;
    int n = 6;
    int[] x = {5, -3, 7, 2, 9, -1};
    int[] y = new int[n - 2], z = new int[n - 2];
    for (int i = 0; i < n - 2; i++) {
      y[i] = Math.min(x[i], x[i + 1]);
      z[i] = x[i] * x[i + 1];
    }
    Object[] out = Interpreter.runAllocating(OpLowering.lower(OpSources.op(src), Map.of()), new Object[] {x},
        new int[] {n});
    assertEquals(java.util.Arrays.toString(y), java.util.Arrays.toString((int[]) out[0]));
    assertEquals(java.util.Arrays.toString(z), java.util.Arrays.toString((int[]) out[1]));
  }
}

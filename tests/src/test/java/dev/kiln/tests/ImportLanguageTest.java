package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileOptions;
import dev.kiln.Kiln;
import dev.kiln.diag.KilnException;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The language features the ONNX importer needs (docs/language.md): reshape targets and slice
 * bounds that name model dimensions, per-axis stride/padding/size for conv2d and the pools, and
 * the clip / hard_sigmoid / hard_swish builtins. Results are checked against plain Java loops
 * written from the definitions; errors against their text and line, at compile time (a
 * diagnostic with a caret) or at run time (a {@link KilnRuntimeException} naming the model line).
 */
class ImportLanguageTest {
  private static final String NN = "import \"std/nn\"\n";

  private static CompiledModel compile(String src) {
    return Kiln.compile(src, CompileOptions.DEFAULT);
  }

  private static CompiledModel compile(String src, Map<String, Tensor> weights) {
    return Kiln.compile(src, CompileOptions.DEFAULT.withWeights(weights));
  }

  private static Tensor iota(int... shape) {
    float[] v = new float[Tensor.checkedSize(shape)];
    for (int i = 0; i < v.length; i++) v[i] = i;
    return Tensor.of(v, shape);
  }

  private static String compileError(String src) {
    KilnException e = assertThrows(KilnException.class, () -> compile(src));
    return e.render();
  }

  // ---- reshape with model dimensions ----

  @Test
  void reshapeToSymbolicDimsKeepsTheElementsInOrder() {
    CompiledModel m = compile("model m(x: f32[B, T, 6]) -> f32[B, T, 2, 3], f32[B, T, 6], f32[B, T, 3, 2] {\n"
        + "  f = reshape(x, shape: [B * T, 6])\n"
        + "  return reshape(x, shape: [B, T, 2, 3]), reshape(f, shape: [B, T, 6]), reshape(x, shape: [B, T, -1, 2])\n}\n");
    Tensor x = iota(2, 3, 6);
    Map<String, Tensor> out = m.run(Map.of("x", x));
    Tensor a = out.get("output0");
    Tensor b = out.get("output1");
    Tensor c = out.get("output2");
    assertArrayEquals(new int[] {2, 3, 2, 3}, a.shape());
    assertArrayEquals(new int[] {2, 3, 6}, b.shape());
    assertArrayEquals(new int[] {2, 3, 3, 2}, c.shape());
    assertArrayEquals((float[]) x.data(), (float[]) a.data());
    assertArrayEquals((float[]) x.data(), (float[]) b.data());
    assertArrayEquals((float[]) x.data(), (float[]) c.data());
  }

  @Test
  void reshapeBetweenUnrelatedSymbolsIsCheckedWhenTheModelRuns() {
    String src = "model m(x: f32[B, 5], y: f32[T]) -> f32[T, 5] {\n  z = reshape(x, shape: [T, 5])\n"
        + "  return z + 1.0\n}\n";
    CompiledModel m = compile(src);
    Tensor x = iota(3, 5);
    Tensor y = Tensor.of(new float[3], 3);
    Tensor z = m.run(Map.of("x", x, "y", y)).get("output");
    assertArrayEquals(new int[] {3, 5}, z.shape());
    assertEquals(15f, z.getFloat(2, 4));
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class,
        () -> m.run(Map.of("x", x, "y", Tensor.of(new float[4], 4))));
    assertEquals("<string>:2:7", e.location());
    assertTrue(e.detail().contains("reshape"), e.detail());
  }

  @Test
  void countsThatDifferOnlyForSomeSizesAreCheckedWhenTheModelRuns() {
    // B * 6 and B * 4 agree for B = 0, so this is no compile-time error; the run-time check names the line.
    CompiledModel m = compile("model m(x: f32[B, 6]) -> f32[B, 4] {\n  return reshape(x, shape: [B, 4])\n}\n");
    assertEquals(0, m.run(Map.of("x", Tensor.of(new float[0], 0, 6))).get("output").size());
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class, () -> m.run(Map.of("x", iota(2, 6))));
    assertEquals("<string>:2:10", e.location());
    assertTrue(e.detail().contains("12 elements"), e.detail());
  }

  @Test
  void reshapeWithTwoDimsTheSourceDoesNotShowIsCheckedToo() {
    CompiledModel m = compile("model m(x: f32[N], s: f32[A, B]) -> f32[A, B] {\n  return reshape(x, shape: [A, B])\n}\n");
    Tensor r = m.run(Map.of("x", iota(6), "s", Tensor.of(new float[6], 2, 3))).get("output");
    assertArrayEquals(new int[] {2, 3}, r.shape());
    assertEquals(5f, r.getFloat(1, 2));
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class,
        () -> m.run(Map.of("x", iota(7), "s", Tensor.of(new float[6], 2, 3))));
    assertEquals("<string>:2:10", e.location());
  }

  @Test
  void reshapeToAStaticShapeFromASymbolicOneIsCheckedWhenTheModelRuns() {
    CompiledModel m = compile("model m(x: f32[B, 4]) -> f32[2, 4] {\n  return reshape(x, shape: [2, 4])\n}\n");
    assertArrayEquals(new int[] {2, 4}, m.run(Map.of("x", iota(2, 4))).get("output").shape());
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class, () -> m.run(Map.of("x", iota(3, 4))));
    assertEquals("<string>:2:10", e.location());
  }

  @Test
  void reshapeDiagnostics() {
    String unknown = compileError("model m(x: f32[B, 6]) -> f32[B, 2, 3] {\n  return reshape(x, shape: [B, C, 3])\n}\n");
    assertTrue(unknown.contains("2:32: error: unknown dimension `C` (did you mean `B`?)"), unknown);
    assertTrue(unknown.contains("\n                               ^"), unknown);
    String different = compileError("model m(x: f32[B]) -> f32[B] {\n  return reshape(x, shape: [B + 1])\n}\n");
    assertTrue(different.contains("2:28: error: cannot reshape f32[B] (B elements) to [B + 1] (B + 1 elements)"),
        different);
    String twice = compileError("model m(x: f32[B, 6]) -> f32[B, 6] {\n  return reshape(x, shape: [-1, B, -1])\n}\n");
    assertTrue(twice.contains("2:36: error: only one dimension of a reshape may be -1"), twice);
    String value = compileError("model m(x: f32[B, 6]) -> f32[B, 6] {\n  y = x\n  return reshape(x, shape: [y, 6])\n}\n");
    assertTrue(value.contains("`y` is a value, not a dimension"), value);
  }

  // ---- slices with symbolic bounds ----

  @Test
  void sliceOfAStaticAxisUpToAModelDimension() {
    String src = "model m(ids: i64[B, T]) -> i64[1, T], i64[1, T] {\n  param pos: i64[1, 8]\n"
        + "  return pos[:, 0:T], concat(pos[:, 0:1], pos[:, 1:T], axis: 1) * 2\n}\n";
    long[] p = {10, 11, 12, 13, 14, 15, 16, 17};
    CompiledModel m = compile(src, Map.of("pos", Tensor.of(p, 1, 8)));
    Map<String, Tensor> out = m.run(Map.of("ids", Tensor.of(new long[6], 2, 3)));
    assertArrayEquals(new long[] {10, 11, 12}, (long[]) out.get("output0").data());
    assertArrayEquals(new long[] {20, 22, 24}, (long[]) out.get("output1").data());
    Map<String, Tensor> full = m.run(Map.of("ids", Tensor.of(new long[8], 1, 8)));
    assertArrayEquals(p, (long[]) full.get("output0").data());
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class,
        () -> m.run(Map.of("ids", Tensor.of(new long[9], 1, 9))));
    assertEquals("<string>:3:17", e.location());
    assertTrue(e.detail().contains("out of bounds for axis 1 of size 8"), e.detail());
  }

  @Test
  void sliceWithASymbolicStartAndANegativeEnd() {
    CompiledModel m = compile("model m(x: f32[6, 2], s: f32[K]) -> f32[2] {\n  return sum(x[K:-1], axis: 0)\n}\n");
    Tensor y = m.run(Map.of("x", iota(6, 2), "s", Tensor.of(new float[2], 2))).get("output");
    assertArrayEquals(new float[] {4 + 6 + 8, 5 + 7 + 9}, (float[]) y.data());
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class,
        () -> m.run(Map.of("x", iota(6, 2), "s", Tensor.of(new float[7], 7))));
    assertEquals("<string>:2:16", e.location());
  }

  @Test
  void symbolicSliceDiagnostics() {
    String unknown = compileError("model m(x: f32[1, 8], y: f32[T]) -> f32[1, T] {\n  return x[:, 0:U]\n}\n");
    assertTrue(unknown.contains("2:17: error: unknown dimension `U`"), unknown);
    String constant = compileError("model m(x: f32[1, 8], y: f32[T]) -> f32[1, T] {\n  return x[:, 9:T]\n}\n");
    assertTrue(constant.contains("slice start 9 is out of bounds for axis 1 of size 8"), constant);
    String fromStart = compileError("model m(x: f32[T, 8]) -> f32[2, 8] {\n  return x[0:2]\n}\n");
    assertTrue(fromStart.contains("slice bounds counted from the start need a static dimension"), fromStart);
  }

  // ---- per-axis conv2d and pooling ----

  /** Plain-loop conv2d: NCHW, FCHW weights of C/g channels, strides and pads [top, left, bottom, right]. */
  static Tensor conv(Tensor x, Tensor w, int g, int sh, int sw, int[] pad) {
    int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3), f = w.dim(0), kh = w.dim(2), kw = w.dim(3);
    int oh = (h + pad[0] + pad[2] - kh) / sh + 1, ow = (wd + pad[1] + pad[3] - kw) / sw + 1;
    int cg = c / g, fg = f / g;
    float[] y = new float[n * f * oh * ow];
    for (int b = 0; b < n; b++)
      for (int o = 0; o < f; o++)
        for (int yy = 0; yy < oh; yy++)
          for (int xx = 0; xx < ow; xx++) {
            float acc = 0;
            for (int ci = 0; ci < cg; ci++)
              for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++) {
                  int iy = yy * sh + ky - pad[0], ix = xx * sw + kx - pad[1];
                  if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                  acc += x.getFloat(b, o / fg * cg + ci, iy, ix) * w.getFloat(o, ci, ky, kx);
                }
            y[((b * f + o) * oh + yy) * ow + xx] = acc;
          }
    return Tensor.of(y, n, f, oh, ow);
  }

  /** Plain-loop pooling; padding is skipped (max: never wins; avg: not counted). */
  static Tensor pool(Tensor x, boolean max, int kh, int kw, int sh, int sw, int[] pad) {
    int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
    int oh = (h + pad[0] + pad[2] - kh) / sh + 1, ow = (wd + pad[1] + pad[3] - kw) / sw + 1;
    float[] y = new float[n * c * oh * ow];
    for (int b = 0; b < n; b++)
      for (int ch = 0; ch < c; ch++)
        for (int yy = 0; yy < oh; yy++)
          for (int xx = 0; xx < ow; xx++) {
            float acc = max ? Float.NEGATIVE_INFINITY : 0;
            int count = 0;
            for (int ky = 0; ky < kh; ky++)
              for (int kx = 0; kx < kw; kx++) {
                int iy = yy * sh + ky - pad[0], ix = xx * sw + kx - pad[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                float v = x.getFloat(b, ch, iy, ix);
                acc = max ? Math.max(acc, v) : acc + v;
                count++;
              }
            y[((b * c + ch) * oh + yy) * ow + xx] = max ? acc : acc / count;
          }
    return Tensor.of(y, n, c, oh, ow);
  }

  private static Tensor random(Random rnd, int... shape) {
    return RandomData.random(ElementType.F32, shape, rnd, 1, 0, 1);
  }

  private static Tensor convModel(String xType, String wType, String outType, String call, Tensor x, Tensor w) {
    String src = NN + "model m(x: " + xType + ") -> " + outType + " {\n  param w: " + wType + "\n  return " + call
        + "\n}\n";
    return compile(src, Map.of("w", w)).run(Map.of("x", x)).get("output");
  }

  @Test
  void conv2dWithAStrideAndPaddingPerAxis() {
    Random rnd = new Random(11);
    Tensor x = random(rnd, 2, 3, 7, 6);
    Tensor w = random(rnd, 4, 3, 3, 2);
    Tensor a = convModel("f32[2, 3, 7, 6]", "f32[4, 3, 3, 2]", "f32[2, 4, 4, 7]",
        "conv2d(x, w, stride: [2, 1], pad: [1, 1])", x, w);
    Compare.tensors(conv(x, w, 1, 2, 1, new int[] {1, 1, 1, 1}), a, 1e-5, 1e-4, "stride [2, 1], pad [1, 1]");
    Tensor b = convModel("f32[2, 3, 7, 6]", "f32[4, 3, 3, 2]", "f32[2, 4, 3, 3]",
        "conv2d(x, w, stride: [3, 2], pad: [0, 1, 2, 0])", x, w);
    Compare.tensors(conv(x, w, 1, 3, 2, new int[] {0, 1, 2, 0}), b, 1e-5, 1e-4, "asymmetric pad");
    Tensor c = convModel("f32[2, 3, 7, 6]", "f32[4, 3, 3, 2]", "f32[2, 4, 6, 6]",
        "conv2d(x, w, stride: [1, 1], pad: [0, 0, 1, 1])", x, w);
    Compare.tensors(conv(x, w, 1, 1, 1, new int[] {0, 0, 1, 1}), c, 1e-5, 1e-4, "stride 1, bottom/right pad");
  }

  @Test
  void strideOneKeepsTheRowGemmFastPath() {
    String src = NN + "model m(x: f32[1, 2, 6, 6]) -> f32[1, 3, 6, 6], f32[1, 3, 5, 5] {\n  param w: f32[3, 2, 3, 3]\n"
        + "  return conv2d(x, w, stride: [1, 1], pad: [1, 1]), conv2d(x, w, pad: [0, 0, 1, 1])\n}\n";
    var m = dev.kiln.Pipeline.frontEnd(new dev.kiln.diag.SourceFile("m.kiln", src), null);
    long rows = m.kernels().keySet().stream().filter(k -> k.startsWith("conv2d_rows")).count();
    assertEquals(2, rows, "both convs use the row GEMM: " + m.kernels().keySet());
    assertTrue(m.kernels().keySet().stream().noneMatch(k -> k.startsWith("conv2d_valid")), m.kernels().keySet().toString());
  }

  @Test
  void depthwiseConvWithAStrideOfTwoByOneAndAFiveByFiveKernel() {
    Random rnd = new Random(12);
    Tensor x = random(rnd, 1, 4, 9, 8);
    Tensor w = random(rnd, 4, 1, 5, 5);
    Tensor y = convModel("f32[1, 4, 9, 8]", "f32[4, 1, 5, 5]", "f32[1, 4, 5, 8]",
        "conv2d(x, w, stride: [2, 1], pad: [2, 2], groups: 4)", x, w);
    Compare.tensors(conv(x, w, 4, 2, 1, new int[] {2, 2, 2, 2}), y, 1e-5, 1e-4, "depthwise");
    Tensor w2 = random(rnd, 6, 2, 3, 1);
    Tensor z = convModel("f32[1, 4, 9, 8]", "f32[6, 2, 3, 1]", "f32[1, 6, 4, 9]",
        "conv2d(x, w, stride: [2, 1], pad: [0, 0, 1, 1], groups: 2)", x, w2);
    Compare.tensors(conv(x, w2, 2, 2, 1, new int[] {0, 0, 1, 1}), z, 1e-5, 1e-4, "grouped, asymmetric pad");
  }

  @Test
  void convsWithSymbolicHeightAndWidth() {
    Random rnd = new Random(13);
    Tensor w = random(rnd, 4, 2, 3, 3);
    Tensor wg = random(rnd, 4, 1, 3, 3);
    String src = NN + "model m(x: f32[1, 2, H, W]) -> f32[1, 4, H, W], f32[1, 4, H, W], f32[1, 4, H, W] {\n"
        + "  param w: f32[4, 2, 3, 3]\n  param wg: f32[4, 1, 3, 3]\n"
        + "  a = conv2d(x, w, stride: [1, 1], pad: [1, 1, 1, 1])\n"
        + "  b = conv2d(x, wg, pad: 1, groups: 2)\n"
        + "  c = conv2d(x, w, stride: [2, 1], pad: [1, 1])\n"
        + "  return a, b, a\n}\n";
    CompiledModel m = compile(src, Map.of("w", w, "wg", wg));
    for (int[] hw : new int[][] {{5, 4}, {3, 7}}) {
      Tensor x = random(rnd, 1, 2, hw[0], hw[1]);
      Map<String, Tensor> out = m.run(Map.of("x", x));
      Compare.tensors(conv(x, w, 1, 1, 1, new int[] {1, 1, 1, 1}), out.get("output0"), 1e-5, 1e-4, "symbolic, dense");
      Compare.tensors(conv(x, wg, 2, 1, 1, new int[] {1, 1, 1, 1}), out.get("output1"), 1e-5, 1e-4, "symbolic, grouped");
    }
    String strided = NN + "model m(x: f32[1, 2, H, W]) -> f32[1, 4] {\n  param w: f32[4, 2, 3, 3]\n"
        + "  param v: f32[4, 2, 3, 3]\n  y = conv2d(x, w, stride: [2, 1], pad: [1, 1])\n"
        + "  return sum(conv2d(y, v, stride: [1, 2], pad: [0, 1, 0, 1], groups: 2), axis: [2, 3])\n}\n";
    Tensor v = random(rnd, 4, 2, 3, 3);
    CompiledModel s = compile(strided, Map.of("w", w, "v", v));
    for (int[] hw : new int[][] {{9, 6}, {4, 5}}) {
      Tensor x = random(rnd, 1, 2, hw[0], hw[1]);
      Tensor c = conv(conv(x, w, 1, 2, 1, new int[] {1, 1, 1, 1}), v, 2, 1, 2, new int[] {0, 1, 0, 1});
      float[] sum = new float[4];
      for (int f = 0; f < 4; f++)
        for (int yy = 0; yy < c.dim(2); yy++)
          for (int xx = 0; xx < c.dim(3); xx++) sum[f] += c.getFloat(0, f, yy, xx);
      Compare.tensors(Tensor.of(sum, 1, 4), s.run(Map.of("x", x)).get("output"), 1e-4, 1e-4, "strided, symbolic");
    }
    // Plain-int grouped conv after a strided layer: both spatial dims are expressions of H and W.
    String plain = NN + "model m(x: f32[1, 2, H, W]) -> f32[1, 4] {\n  param w: f32[4, 2, 3, 3]\n"
        + "  param v: f32[4, 2, 3, 3]\n  y = conv2d(x, w, stride: 2, pad: 1)\n"
        + "  return sum(conv2d(y, v, stride: 2, groups: 2), axis: [2, 3])\n}\n";
    CompiledModel p = compile(plain, Map.of("w", w, "v", v));
    Tensor x = random(rnd, 1, 2, 11, 9);
    Tensor c = conv(conv(x, w, 1, 2, 2, new int[] {1, 1, 1, 1}), v, 2, 2, 2, new int[4]);
    float[] sum = new float[4];
    for (int f = 0; f < 4; f++)
      for (int yy = 0; yy < c.dim(2); yy++)
        for (int xx = 0; xx < c.dim(3); xx++) sum[f] += c.getFloat(0, f, yy, xx);
    Compare.tensors(Tensor.of(sum, 1, 4), p.run(Map.of("x", x)).get("output"), 1e-4, 1e-4, "plain grouped, symbolic");
  }

  @Test
  void poolsWithAWindowStrideAndPaddingPerAxis() {
    Random rnd = new Random(14);
    Tensor x = random(rnd, 2, 3, 7, 6);
    int[] pad = {1, 0, 1, 1};
    String src = NN + "model m(x: f32[2, 3, 7, 6]) -> f32[2, 3, 4, 6], f32[2, 3, 4, 6], f32[2, 3, 3, 3] {\n"
        + "  return max_pool2d(x, size: [3, 2], stride: [2, 1], pad: [1, 0, 1, 1]),"
        + " avg_pool2d(x, size: [3, 2], stride: [2, 1], pad: [1, 0, 1, 1]), max_pool2d(x, size: [2, 2], stride: [2, 2])\n}\n";
    Map<String, Tensor> out = compile(src).run(Map.of("x", x));
    Compare.tensors(pool(x, true, 3, 2, 2, 1, pad), out.get("output0"), 1e-6, 1e-5, "max pool");
    Compare.tensors(pool(x, false, 3, 2, 2, 1, pad), out.get("output1"), 1e-6, 1e-5, "avg pool");
    Compare.tensors(pool(x, true, 2, 2, 2, 2, new int[4]), out.get("output2"), 0, 0, "max pool, scalar form");
    Tensor neg = Tensor.of(new float[] {-5, -7, -6, -9}, 1, 1, 2, 2);
    Tensor m = compile(NN + "model m(x: f32[1, 1, 2, 2]) -> f32[1, 1, 2, 2] {\n"
        + "  return max_pool2d(x, size: [2, 2], stride: [1, 1], pad: [0, 0, 1, 1])\n}\n").run(Map.of("x", neg)).get("output");
    assertArrayEquals(new float[] {-5, -7, -6, -9}, (float[]) m.data(), "padding never wins over negative values");
  }

  @Test
  void perAxisAttributeDiagnostics() {
    String three = compileError(NN + "model m(x: f32[1, 1, 4, 4]) -> f32[1, 1, 2, 2] {\n"
        + "  return max_pool2d(x, size: [2, 2], pad: [1, 1, 1])\n}\n");
    assertTrue(three.contains("3:43: error: `pad` takes one int, two ([height, width]) or four"), three);
    String zero = compileError(NN + "model m(x: f32[1, 1, 4, 4]) -> f32[1, 1, 2, 2] {\n  param w: f32[1, 1, 1, 1]\n"
        + "  return conv2d(x, w, stride: [0, 1])\n}\n");
    assertTrue(zero.contains("4:10: error: conv2d's stride must be at least 1"), zero);
    String big = compileError(NN + "model m(x: f32[1, 1, 4, 4]) -> f32[1, 1, 3, 3] {\n"
        + "  return avg_pool2d(x, size: [2, 2], stride: [1, 1], pad: [2, 0])\n}\n");
    assertTrue(big.contains("avg_pool2d's pad must be smaller than its window (2x2)"), big);
    String name = compileError(NN + "model m(x: f32[1, 1, 4, 4]) -> f32[1, 1, 2, 2] {\n"
        + "  return max_pool2d(x, size: [2, 2], strides: [2, 2])\n}\n");
    assertTrue(name.contains("`max_pool2d` has no attribute `strides` (did you mean `stride`?)"), name);
  }

  // ---- clip, hard_sigmoid, hard_swish ----

  @Test
  void clipAndHardActivations() {
    float[] v = {-5f, -3f, -1.5f, 0f, 0.7f, 2.5f, 3f, 6f};
    String src = "model m(x: f32[2, 4]) -> f32[2, 4], f32[2, 4], f32[2, 4], f32[2, 4] {\n"
        + "  return clip(x, -1.0, 2.5), hard_sigmoid(x), hard_sigmoid(x, alpha: 0.5, beta: 0.25), hard_swish(x)\n}\n";
    Map<String, Tensor> out = compile(src).run(Map.of("x", Tensor.of(v, 2, 4)));
    float[] clip = new float[8], hs = new float[8], hs2 = new float[8], sw = new float[8];
    for (int i = 0; i < 8; i++) {
      clip[i] = Math.min(Math.max(v[i], -1f), 2.5f);
      hs[i] = Math.max(Math.min(v[i] * 0.2f + 0.5f, 1f), 0f);
      hs2[i] = Math.max(Math.min(v[i] * 0.5f + 0.25f, 1f), 0f);
      sw[i] = v[i] * Math.min(Math.max(v[i] + 3f, 0f), 6f) / 6f;
    }
    Compare.tensors(Tensor.of(clip, 2, 4), out.get("output0"), 0, 0, "clip");
    Compare.tensors(Tensor.of(hs, 2, 4), out.get("output1"), 1e-7, 1e-6, "hard_sigmoid");
    Compare.tensors(Tensor.of(hs2, 2, 4), out.get("output2"), 1e-7, 1e-6, "hard_sigmoid alpha beta");
    Compare.tensors(Tensor.of(sw, 2, 4), out.get("output3"), 1e-7, 1e-6, "hard_swish");
    Tensor ints = compile("model m(x: i32[3]) -> i32[3] {\n  return clip(x, 0, 5)\n}\n")
        .run(Map.of("x", Tensor.of(new int[] {-2, 3, 9}, 3))).get("output");
    assertArrayEquals(new int[] {0, 3, 5}, (int[]) ints.data());
    String bad = compileError("model m(x: i32[3]) -> i32[3] {\n  return hard_swish(x)\n}\n");
    assertTrue(bad.contains("`hard_swish` needs a floating-point tensor"), bad);
  }
}

package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileOptions;
import dev.kiln.Kiln;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Operators whose lowering is more than one kernel (grouped convolution through reshaped views)
 * or that read by data (embedding), checked against plain Java loops written from their
 * definitions, independent of Kiln's own lowering.
 */
class StdNnReferenceTest {
  @Test
  void groupedConvolutionMatchesTheDefinition() {
    int n = 2, c = 6, h = 7, w = 5, f = 9, g = 3, k = 3, stride = 2, pad = 1;
    String src = "import \"std/nn\"\nmodel m(x: f32[2, 6, 7, 5]) -> f32[2, 9, 4, 3] {\n  param wt: f32[9, 2, 3, 3]\n"
        + "  return conv2d(x, wt, stride: 2, pad: 1, groups: 3)\n}\n";
    Random rnd = new Random(3);
    Tensor x = RandomData.random(ElementType.F32, new int[] {n, c, h, w}, rnd, 1, 0, 1);
    Tensor wt = RandomData.random(ElementType.F32, new int[] {f, c / g, k, k}, rnd, 1, 0, 1);
    CompiledModel m = Kiln.compile(src, CompileOptions.DEFAULT.withWeights(Map.of("wt", wt)));
    Tensor y = m.run(Map.of("x", x)).get("output");
    int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
    float[] want = new float[n * f * oh * ow];
    int cg = c / g, fg = f / g;
    for (int b = 0; b < n; b++)
      for (int o = 0; o < f; o++)
        for (int yy = 0; yy < oh; yy++)
          for (int xx = 0; xx < ow; xx++) {
            float acc = 0;
            int group = o / fg;
            for (int ci = 0; ci < cg; ci++)
              for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++) {
                  int iy = yy * stride + ky - pad, ix = xx * stride + kx - pad;
                  if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                  acc += x.getFloat(b, group * cg + ci, iy, ix) * wt.getFloat(o, ci, ky, kx);
                }
            want[((b * f + o) * oh + yy) * ow + xx] = acc;
          }
    Compare.tensors(Tensor.of(want, n, f, oh, ow), y, 1e-5, 1e-4, "grouped conv2d");
  }

  @Test
  void embeddingLooksUpRowsAndRejectsABadIdWhereItIsUsed() {
    String src = "import \"std/nn\"\nmodel m(ids: i64[T]) -> f32[T, 3] {\n  param table: f32[4, 3]\n"
        + "  return embedding(table, ids)\n}\n";
    float[] rows = new float[12];
    for (int i = 0; i < 12; i++) rows[i] = i;
    CompiledModel m = Kiln.compile(src, CompileOptions.DEFAULT.withWeights(Map.of("table", Tensor.of(rows, 4, 3))));
    Tensor y = m.run(Map.of("ids", Tensor.of(new long[] {2, 0, 3}, 3))).get("output");
    Compare.tensors(Tensor.of(new float[] {6, 7, 8, 0, 1, 2, 9, 10, 11}, 3, 3), y, 0, 0, "embedding");
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class,
        () -> m.run(Map.of("ids", Tensor.of(new long[] {1, 4}, 2))));
    assertEquals("<string>:4:10", e.location());
    assertTrue(e.detail().contains("index 4") && e.detail().contains("size 4"), e.detail());
  }
}

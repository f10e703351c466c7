package dev.kiln.frontend.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Verifier;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DSL spellings of reverse_compute_at, rfactor and blockize: where they put things, that the
 * scheduled op computes what the unscheduled one does, and their diagnostics.
 */
class TilePrimitivesApplierTest {
  static final String MM_RELU = """
      op mm_relu(A: f32[M, K], B: f32[K, N], bias: f32[N]) -> Y: f32[M, N] {
        C[r, c] += A[r, k] * B[k, c]
        Y[i, j] = max(C[i, j] + bias[j], 0.0)
      }
      """;

  @Test void reverseComputeAtMovesTheBiasReluUnderTheMatmulTile() {
    Sources.Case c = Sources.parse(MM_RELU, """
          ro, ri = split(r, 4)
          co, ci = split(c, 8)
          reorder(ro, co, ri, ci)
          reverse_compute_at(Y, co)
        """);
    String text = TirPrinter.print(c.apply());
    int tile = text.indexOf("for co in");
    assertTrue(tile > 0 && text.indexOf("block Y(") > text.indexOf("block C("), text);
    assertEquals(1, text.split("for co in", -1).length - 1, text);
    assertTrue(text.contains("where ro * 4 + ax0 < M && co * 8 + ax1 < N"), text);
    check(c, 3, new Random(21));
  }

  @Test void reverseComputeAtDiagnostics() {
    assertEquals(List.of("3:3: cannot reverse_compute_at block `Y` at loop `k`: loop `k` binds reduction iter var `vk` "
            + "of block `C`, so the block would read partial results of the reduction"),
        Sources.errors(MM_RELU, "  ro, ri = split(r, 4)\n  parallel(ro)\n  reverse_compute_at(Y, k)\n"));
    assertEquals(List.of("1:3: `reverse_compute_at` takes 2 arguments (reverse_compute_at(block, axis)), got 1"),
        Sources.errors(MM_RELU, "  reverse_compute_at(Y)\n"));
    assertEquals(List.of("1:3: `reverse_compute_at` makes no new loops to name"),
        Sources.errors(MM_RELU, "  a = reverse_compute_at(Y, r)\n"));
  }

  @Test void rfactorNamesTheRfBlockForLaterPrimitives() {
    Sources.Case c = Sources.parse(Sources.MATMUL, """
          ko, ki = split(k, 4)
          reorder(ki, i)
          R = rfactor(ki)
          parallel(ki)
          jo, jj = split(j, 8)
        """);
    String text = TirPrinter.print(c.apply());
    assertTrue(text.contains("alloc C_rf: f32[4, M, N]"), text);
    assertTrue(text.contains("for ki in 0 .. 4 parallel {"), text);
    assertTrue(text.contains("C[vi_1, vj_1] = C[vi_1, vj_1] + C_rf[vki_1, vi_1, vj_1]"), text);
    check(c, 3, new Random(22));
    List<String> errors = Sources.errors(Sources.MATMUL, "  R = rfactor(k)\n  compute_inline(R)\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("2:3: cannot compute_inline block `C_rf`: "), errors.toString());
  }

  @Test void rfactorDiagnostics() {
    assertEquals(List.of("1:3: cannot rfactor loop `i`: it binds no reduction iter var of block `C`"),
        Sources.errors(Sources.MATMUL, "  rfactor(i)\n"));
    assertEquals(List.of("1:11: argument 1 of `rfactor` must be an axis name, got the integer 2"),
        Sources.errors(Sources.MATMUL, "  rfactor(2)\n"));
    assertEquals(List.of("1:6: `rfactor` makes one block, got 2 names"), Sources.errors(Sources.MATMUL, "  a, b = rfactor(k)\n"));
  }

  @Test void blockizeWrapsTheTileInABlockWithTheUnionOfItsRegions() {
    Sources.Case c = Sources.parse(Sources.MATMUL, """
          io, ii = split(i, 4)
          jo, ji = split(j, 8)
          reorder(io, jo, ii, ji)
          T = blockize(ii)
          parallel(io)
        """);
    String text = TirPrinter.print(c.apply());
    assertTrue(text.contains("block C_o(vi_o: S[0:(M + 3) / 4] = io, vj_o: S[0:(N + 7) / 8] = jo) {"), text);
    assertTrue(text.contains("reads A[vi_o * 4:vi_o * 4 + 4, 0:K], B[0:K, vj_o * 8:vj_o * 8 + 8]"), text);
    assertTrue(text.contains("writes C[vi_o * 4:vi_o * 4 + 4, vj_o * 8:vj_o * 8 + 8]"), text);
    check(c, 3, new Random(23));
    List<String> errors = Sources.errors(Sources.MATMUL, "  T = blockize(k)\n  compute_inline(T)\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("2:3: cannot compute_inline block `C_o`: "), errors.toString());
  }

  @Test void blockizeDiagnostics() {
    assertEquals(List.of("3:3: cannot blockize loop `fi`: the binding `(fo * 4 + fi) / N` of iter var `vi` is not "
            + "affine-divisible into loops outside and inside the loop: it is one term over both"),
        Sources.errors(Sources.MATMUL, "  f = fuse(i, j)\n  fo, fi = split(f, 4)\n  blockize(fi)\n"));
    assertEquals(List.of("1:6: `blockize` makes one block, got 2 names"), Sources.errors(Sources.MATMUL, "  a, b = blockize(k)\n"));
  }

  /** The scheduled op against the unscheduled one on random shapes and small-integer inputs. */
  static void check(Sources.Case c, int nSizes, Random rnd) {
    PrimFunc scheduled = c.apply();
    Verifier.verify(scheduled);
    for (int trial = 0; trial < 6; trial++) {
      int[] sizes = new int[nSizes];
      for (int k = 0; k < nSizes; k++) sizes[k] = 1 + rnd.nextInt(trial < 3 ? 9 : 40);
      Object[] in = Interpreter.allocateOutputs(
          new PrimFunc("in", List.of(), c.func().inputs(), c.func().sizeVars(), c.func().body()), sizes);
      for (Object a : in) {
        float[] x = (float[]) a;
        for (int k = 0; k < x.length; k++) x[k] = rnd.nextInt(7) - 3;
      }
      float[] want = (float[]) Interpreter.runAllocating(c.func(), in, sizes)[0];
      float[] got = (float[]) Interpreter.runAllocating(scheduled, in, sizes)[0];
      for (int k = 0; k < want.length; k++)
        assertEquals(want[k], got[k], 1e-5f * Math.max(1f, Math.abs(want[k])), "element " + k + " of " + TirPrinter.print(scheduled));
    }
  }
}

package dev.kiln.frontend.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Verifier;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Schedules that apply: the resulting IR as text, and the same results as the unscheduled op. */
class ScheduleApplierTest {
  private static final String DSL_EXAMPLE = """
        io, ii = split(i, 32)
        jo, ji = split(j, 64)
        ko, ki = split(k, 8)
        reorder(io, jo, ko, ii, ki, ji)
        parallel(io)
        vectorize(ji)
        unroll(ki)
      """;

  @Test void theMatmulScheduleOfTheLanguageContract() {
    PrimFunc f = Sources.parse(Sources.MATMUL, DSL_EXAMPLE).apply();
    Verifier.verify(f);
    PrimFunc want = TirParser.parse("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, K, N
          block root {
            for io in 0 .. (M + 31) / 32 parallel {
              for jo in 0 .. (N + 63) / 64 {
                for ko in 0 .. (K + 7) / 8 {
                  for ii in 0 .. 32 {
                    for ki in 0 .. 8 unroll {
                      for ji in 0 .. 64 vectorized {
                        block C(vi: S[0:M] = io * 32 + ii, vj: S[0:N] = jo * 64 + ji, vk: R[0:K] = ko * 8 + ki) where io * 32 + ii < M && jo * 64 + ji < N && ko * 8 + ki < K {
                          reads A[vi, vk], B[vk, vj]
                          writes C[vi, vj]
                          init { C[vi, vj] = 0.0f32 }
                          C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """);
    assertEquals(TirPrinter.print(want), TirPrinter.print(f));
    assertNull(StructuralEqual.explain(want, f));
  }

  @Test void splitWithEveryFactorGivenAndFuseWithAName() {
    PrimFunc f = Sources.parse(Sources.MATMUL, """
          a, b, c = split(i, 2, -1, 4)
          ij = fuse(c, j)
          unroll(ij)
        """).apply();
    String text = TirPrinter.print(f);
    assertEquals(true, text.contains("for a in 0 .. 2 {"), text);
    assertEquals(true, text.contains("for b in 0 .. (M + 7) / 8 {"), text);
    assertEquals(true, text.contains("for ij in 0 .. N * 4 unroll {"), text);
  }

  @Test void bareAxisNamesPreferTheOutputBlockNest() {
    PrimFunc f = Sources.parse(Sources.SOFTMAX, """
          ij = fuse(i, j)
          parallel(ij)
        """).apply();
    String text = TirPrinter.print(f);
    assertEquals(true, text.contains("vi_2: S[0:N] = ij / D, vj_2: S[0:D] = ij % D"), text);
    assertEquals(true, text.contains("for i in 0 .. N {") && text.contains("for i_1 in 0 .. N {"), text);
    assertEquals(false, text.contains("for i_2"), text);
  }

  @Test void scheduledOpsComputeTheSameResults() {
    Random rnd = new Random(7);
    check(Sources.parse(Sources.MATMUL, DSL_EXAMPLE), 3, rnd);
    check(Sources.parse(Sources.MATMUL, """
          io, ii = split(i, 3)
          f = fuse(ii, j)
          fo, fi = split(f, 5)
          ko, ki = split(k, 2)
          reorder(ki, ko, fi)
          vectorize(fi)
        """), 3, rnd);
    check(Sources.parse(Sources.SOFTMAX, """
          ij = fuse(i, j)
          a, b, c = split(ij, 3, 2)
          reorder(c, a)
          parallel(c)
          unroll(b)
        """), 2, rnd);
  }

  private static final String STAGED = """
      op staged(A: f32[M, K], B: f32[K, N]) -> Y: f32[M, N] {
        P[i, k] = A[i, k] * 2.0
        C[i, j] += P[i, k] * B[k, j]
        Y[i, j] = max(C[i, j], 0.0)
      }
      """;

  @Test void blockPrimitivesAndBind() {
    Sources.Case c = Sources.parse(STAGED, """
          compute_inline(P)
          Ci = decompose_reduction(C, k)
          io, ii = split(i, 4)
          bind(io, "blockIdx.x")
          bind(ii, "threadIdx.x")
          jo, ji = split(j, 3)
          vectorize(ji)
        """);
    PrimFunc f = c.apply();
    String text = TirPrinter.print(f);
    assertEquals(false, text.contains("block P("), text);
    assertEquals(true, text.contains("C[vi_1, vj_1] = C[vi_1, vj_1] + A[vi_1, vk] * 2.0f32 * B[vk, vj_1]"), text);
    assertEquals(true, text.contains("block C_init("), text);
    assertEquals(true, text.contains("for io in 0 .. (M + 3) / 4 thread \"blockIdx.x\" {"), text);
    assertEquals(true, text.contains("for ii in 0 .. 4 thread \"threadIdx.x\" {"), text);
    check(c, 3, new Random(5));
  }

  @Test void cacheReadAndCacheWriteNameTheirCopyBlocks() {
    Sources.Case c = Sources.parse(Sources.MATMUL, """
          AL = cache_read(C, A)
          CL = cache_write(C)
          ko, ki = split(k, 4)
          a, b = split(j, 8)
          init = decompose_reduction(C, ko)
          unroll(ki)
        """);
    PrimFunc f = c.apply();
    String text = TirPrinter.print(f);
    assertEquals(true, text.contains("alloc A_local: f32[M, K] local"), text);
    assertEquals(true, text.contains("block C_local("), text);
    assertEquals(true, text.contains("C[v0_1, v1_1] = C_local[v0_1, v1_1]"), text);
    assertEquals(true, text.contains("for ki in 0 .. 4 unroll"), text);
    assertEquals(true, text.contains("vj: S[0:N] = a * 8 + b) where a * 8 + b < N {"), text);
    check(c, 3, new Random(8));
    assertEquals(List.of("2:3: cannot decompose_reduction of block `C` at loop `i`: the block has no init "
            + "(it is not a reduction or was decomposed already)"),
        Sources.errors(Sources.MATMUL, "  I = decompose_reduction(C, i)\n  decompose_reduction(C, i)\n"));
  }

  @Test void computeAtTilesTheProducerIntoTheConsumer() {
    Sources.Case c = Sources.parse(Sources.SOFTMAX, """
          io, ii = split(i, 4)
          compute_at(s, io)
          compute_at(m, io)
        """);
    PrimFunc f = c.apply();
    String text = TirPrinter.print(f);
    assertEquals(true, text.indexOf("block m(") > text.indexOf("for io in") && text.indexOf("block s(") > text.indexOf("block m("), text);
    assertEquals(true, text.contains("where io * 4 + ax0 < N"), text);
    check(c, 2, new Random(10));
  }

  @Test void reverseComputeInlineOfTheOutputBlock() {
    Sources.Case c = Sources.parse("""
        op twice(A: f32[N, D]) -> Y: f32[N, D] {
          T[i, j] = exp(A[i, j])
          Y[i, j] = T[i, j] + A[i, j]
        }
        """, """
          reverse_compute_inline(Y)
          f = fuse(i, j)
          parallel(f)
        """);
    PrimFunc f = c.apply();
    String text = TirPrinter.print(f);
    assertEquals(true, text.contains("Y[vi, vj] = exp(A[vi, vj]) + A[vi, vj]"), text);
    assertEquals(false, text.contains("alloc T"), text);
    check(c, 2, new Random(6));
  }

  private static void check(Sources.Case c, int nSizes, Random rnd) {
    PrimFunc scheduled = c.apply();
    Verifier.verify(scheduled);
    for (int trial = 0; trial < 6; trial++) {
      int[] sizes = new int[nSizes];
      for (int k = 0; k < nSizes; k++) sizes[k] = 1 + rnd.nextInt(trial < 3 ? 9 : 70);
      Object[] in = Interpreter.allocateOutputs(
          new PrimFunc("in", java.util.List.of(), c.func().inputs(), c.func().sizeVars(), c.func().body()), sizes);
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

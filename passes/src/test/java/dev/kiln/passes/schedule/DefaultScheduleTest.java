package dev.kiln.passes.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Verifier;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.IrQuery;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Default schedules keep results (interpreter, same inputs) and make the expected loop structure. */
class DefaultScheduleTest {
  static final String MATMUL = """
      func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
        sizes M, K, N
        block root {
          for i in 0 .. M {
            for j in 0 .. N {
              for k in 0 .. K {
                block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
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
      """;

  static final String STATIC_MATMUL = MATMUL.replace("A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N])",
      "A: f32[64, K], B: f32[K, 128]) -> (C: f32[64, 128])").replace("sizes M, K, N", "sizes K")
      .replace("0 .. M", "0 .. 64").replace("0 .. N", "0 .. 128").replace("S[0:M]", "S[0:64]")
      .replace("S[0:N]", "S[0:128]");

  @Test
  void aStaticMatmulIsTiledVectorizedAndParallel() {
    PrimFunc f = TirParser.parse(STATIC_MATMUL);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    List<ForKind> kinds = IrQuery.loops(g.body()).stream().map(l -> l.kind()).toList();
    assertEquals(List.of(ForKind.PARALLEL, ForKind.SERIAL, ForKind.SERIAL, ForKind.SERIAL, ForKind.VECTORIZED), kinds,
        TirPrinter.print(g));
    assertEquals("k", IrQuery.loops(g.body()).get(2).var().name(), "the reduction runs outside the 4x16 tile");
    assertEquals(16L, ((dev.kiln.ir.tir.IntImm) IrQuery.loops(g.body()).get(4).extent()).value());
    assertSameResults(f, g, new int[] {24});
  }

  @Test
  void aSymbolicMatmulMovesItsColumnLoopInsideTheReduction() {
    PrimFunc f = TirParser.parse(MATMUL);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    var loops = IrQuery.loops(g.body());
    assertEquals("k", loops.get(1).var().name(), TirPrinter.print(g));
    assertEquals(ForKind.PARALLEL, loops.get(0).kind(), TirPrinter.print(g));
    for (int[] sizes : new int[][] {{1, 3, 5}, {7, 16, 33}, {2, 1, 1}}) assertSameResults(f, g, sizes);
  }

  static void assertSameResults(PrimFunc f, PrimFunc g, int[] sizes) {
    Random rnd = new Random(sizes.length * 31L + sizes[0]);
    Object[] in = new Object[f.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      int n = 1;
      for (var d : f.inputs().get(i).shape()) n *= evalDim(d, f, sizes);
      float[] a = new float[n];
      for (int k = 0; k < n; k++) a[k] = (float) rnd.nextGaussian();
      in[i] = a;
    }
    Object[] want = Interpreter.runAllocating(f, in, sizes);
    Object[] got = Interpreter.runAllocating(g, in, sizes);
    for (int i = 0; i < want.length; i++) assertArrayEquals((float[]) want[i], (float[]) got[i], 1e-4f);
    assertTrue(want.length > 0);
  }

  private static int evalDim(dev.kiln.ir.tir.Expr d, PrimFunc f, int[] sizes) {
    if (d instanceof dev.kiln.ir.tir.IntImm k) return (int) k.value();
    return sizes[f.sizeVars().indexOf((dev.kiln.ir.tir.Var) d)];
  }
}

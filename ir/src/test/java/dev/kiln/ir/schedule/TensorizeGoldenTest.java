package dev.kiln.ir.schedule;

import static dev.kiln.ir.schedule.SchedulePrimitivesGoldenTest.assertIr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.DType;
import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Before/after tests of tensorize with each registered intrinsic; every tensorized program is also
 * run under the interpreter (which executes the intrinsic's description) against the original.
 */
class TensorizeGoldenTest {
  private static LoopRef loop(Schedule s, String block, int i) { return s.getLoops(s.getBlock(block)).get(i); }

  /** The scheduled program computes the same outputs as the original on random small integers. */
  static void sameResults(PrimFunc original, PrimFunc scheduled, int... sizes) {
    Random rnd = new Random(5);
    Object[] in = Interpreter.allocateOutputs(
        new PrimFunc("in", List.of(), original.inputs(), original.sizeVars(), original.body()), sizes);
    for (Object a : in) {
      if (a instanceof float[] x) for (int k = 0; k < x.length; k++) x[k] = rnd.nextInt(9) - 4;
      if (a instanceof byte[] x) for (int k = 0; k < x.length; k++) x[k] = (byte) (rnd.nextInt(256) - 128);
    }
    Object[] want = Interpreter.runAllocating(original, in, sizes);
    Object[] got = Interpreter.runAllocating(scheduled, in, sizes);
    for (int o = 0; o < want.length; o++) {
      if (want[o] instanceof float[] w) assertArrayEquals(w, (float[]) got[o], 1e-3f);
      else assertArrayEquals((int[]) want[o], (int[]) got[o]);
    }
  }

  @Test void gemmReplacesAWholeMatmulAndStartsTheReduction() {
    Schedule s = new Schedule(Programs.matmul());
    s.tensorize(loop(s, "C", 0), "jvm.gemm_f32");
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            intrinsic "jvm.gemm_f32"(A, B, C; M, N, K, 0, K, 1, 0, N, 1, 0, N, 0)
          }
        }
        """, s.func());
    sameResults(Programs.matmul(), s.func(), 7, 19, 5);
    sameResults(Programs.matmul(), s.func(), 1, 1, 0);
    assertEquals("tensorize", s.trace().steps().get(s.trace().steps().size() - 1).primitive());
    assertIr(TirPrinterRoundTrip.print(s.func()), s.trace().replay(Programs.matmul()).func());
  }

  @Test void gemmUnderAnOuterReductionLoopAccumulatesAfterItsFirstStep() {
    Schedule s = new Schedule(Programs.matmulConst());
    List<LoopRef> k = s.split(loop(s, "C", 2), 3, 10);
    s.reorder(k.get(0), loop(s, "C", 0), loop(s, "C", 1), k.get(1));
    s.tensorize(loop(s, "C", 1), "jvm.gemm_f32");
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for k_0 in 0 .. 3 {
              intrinsic "jvm.gemm_f32"(A, B, C; 64, 48, 10, k_0 * 10, 30, 1, k_0 * 480, 48, 1, 0, 48, select(k_0 * 10 == 0, 0, 1))
            }
          }
        }
        """, s.func());
    sameResults(Programs.matmulConst(), s.func());
  }

  @Test void gemmInsideABatchLoopOffsetsEveryOperand() {
    PrimFunc bmm = TirParser.parse("""
        func bmm(A: f32[Bt, M, K], B: f32[Bt, K, N]) -> (C: f32[Bt, M, N]) {
          sizes Bt, M, N, K
          block root {
            for b in 0 .. Bt {
              for i in 0 .. M {
                for j in 0 .. N {
                  for k in 0 .. K {
                    block C(vb: S[0:Bt] = b, vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                      init { C[vb, vi, vj] = 0.0f32 }
                      C[vb, vi, vj] = C[vb, vi, vj] + B[vb, vk, vj] * A[vb, vi, vk]
                    }
                  }
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(bmm);
    s.tensorize(loop(s, "C", 1), "jvm.gemm_f32");
    assertIr("""
        func bmm(A: f32[Bt, M, K], B: f32[Bt, K, N]) -> (C: f32[Bt, M, N]) {
          sizes Bt, M, N, K
          block root {
            for b in 0 .. Bt {
              intrinsic "jvm.gemm_f32"(A, B, C; M, N, K, M * K * b, K, 1, N * K * b, N, 1, M * N * b, N, 0)
            }
          }
        }
        """, s.func());
    sameResults(bmm, s.func(), 3, 4, 5, 6);
  }

  @Test void dotTakesTheReductionLoopOfAMatrixVectorProduct() {
    PrimFunc mv = TirParser.parse("""
        func matvec(W: f32[M, K], X: f32[K]) -> (Y: f32[M]) {
          sizes M, K
          block root {
            for i in 0 .. M {
              for k in 0 .. K {
                block Y(vi: S[0:M] = i, vk: R[0:K] = k) {
                  init { Y[vi] = 0.0f32 }
                  Y[vi] = Y[vi] + W[vi, vk] * X[vk]
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(mv);
    s.tensorize(loop(s, "Y", 1), "jvm.dot_f32");
    assertIr("""
        func matvec(W: f32[M, K], X: f32[K]) -> (Y: f32[M]) {
          sizes M, K
          block root {
            for i in 0 .. M {
              intrinsic "jvm.dot_f32"(W, X, Y; K, K * i, 1, 0, 1, i, 0)
            }
          }
        }
        """, s.func());
    sameResults(mv, s.func(), 9, 13);
  }

  @Test void fmaTakesTheColumnLoopOfADecomposedMatmul() {
    Schedule s = new Schedule(Programs.matmul());
    s.decomposeReduction(s.getBlock("C"), loop(s, "C", 0));
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.reorder(l.get(0), l.get(2), l.get(1));
    s.tensorize(loop(s, "C", 2), "jvm.fma_f32");
    String printed = dev.kiln.ir.tir.text.TirPrinter.print(s.func());
    org.junit.jupiter.api.Assertions.assertTrue(printed.contains(
        "intrinsic \"jvm.fma_f32\"(A, B, C; N, K * i + k, N * k, 1, N * i)"), printed);
    sameResults(Programs.matmul(), s.func(), 6, 11, 4);
  }

  @Test void dotI8WidensAndAccumulatesInI32() {
    PrimFunc mv = TirParser.parse("""
        func qmatvec(W: i8[M, K], X: i8[K]) -> (Y: i32[M]) {
          sizes M, K
          block root {
            for i in 0 .. M {
              for k in 0 .. K {
                block Y(vi: S[0:M] = i, vk: R[0:K] = k) {
                  init { Y[vi] = 0 }
                  Y[vi] = Y[vi] + i32(W[vi, vk]) * i32(X[vk])
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(mv);
    s.tensorize(loop(s, "Y", 1), "jvm.dot_i8");
    assertIr("""
        func qmatvec(W: i8[M, K], X: i8[K]) -> (Y: i32[M]) {
          sizes M, K
          block root {
            for i in 0 .. M {
              intrinsic "jvm.dot_i8"(W, X, Y; K, K * i, 1, 0, 1, i, 0)
            }
          }
        }
        """, s.func());
    sameResults(mv, s.func(), 5, 33);
  }

  /** Prints for the round trip through the parser (assertIr parses its expectation). */
  private static final class TirPrinterRoundTrip {
    static String print(PrimFunc f) { return dev.kiln.ir.tir.text.TirPrinter.print(f); }
  }

  static { assertEquals(DType.I32, DType.I32); }
}

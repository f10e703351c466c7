package dev.kiln.ir.schedule;

import static dev.kiln.ir.schedule.SchedulePrimitivesGoldenTest.assertIr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Before/after tests of compute_at, each also run under the interpreter on shapes that leave split tails. */
class ComputeAtGoldenTest {
  private static LoopRef loop(Schedule s, String block, int i) { return s.getLoops(s.getBlock(block)).get(i); }

  private static void sameResults(PrimFunc original, PrimFunc scheduled, int... sizes) {
    Random rnd = new Random(9);
    Object[] in = Interpreter.allocateOutputs(
        new PrimFunc("in", List.of(), original.inputs(), original.sizeVars(), original.body()), sizes);
    for (Object a : in) {
      float[] x = (float[]) a;
      for (int k = 0; k < x.length; k++) x[k] = rnd.nextInt(9) - 4;
    }
    assertArrayEquals((float[]) Interpreter.runAllocating(original, in, sizes)[0],
        (float[]) Interpreter.runAllocating(scheduled, in, sizes)[0], 1e-4f);
  }

  @Test void computeAtTheInnermostLoopComputesOnePoint() {
    Schedule s = new Schedule(Programs.chain());
    s.computeAt(s.getBlock("T"), loop(s, "U", 1));
    assertIr("""
        func chain(A: f32[N, N]) -> (Y: f32[N, N]) {
          sizes N
          block root {
            alloc T: f32[N, N]
            alloc U: f32[N, N]
            for i in 0 .. N {
              for j in 0 .. N {
                block T(vi: S[0:N] = j, vj: S[0:N] = i) {
                  T[vi, vj] = A[vi, vj] * 2.0f32
                }
                block U(vi: S[0:N] = i, vj: S[0:N] = j) {
                  U[vi, vj] = T[vj, vi] + 1.0f32
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. N {
                block Y(vi: S[0:N] = i, vj: S[0:N] = j) {
                  Y[vi, vj] = U[vi, vj] * U[vi, vj] - A[vi, vj]
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(Programs.chain(), s.func(), 5);
  }

  @Test void computeAtASplitLoopCoversTheTileAndGuardsTheTail() {
    Schedule s = new Schedule(Programs.chain());
    List<LoopRef> p = s.split(loop(s, "U", 1), -1, 4);
    s.computeAt(s.getBlock("T"), p.get(0));
    assertIr("""
        func chain(A: f32[N, N]) -> (Y: f32[N, N]) {
          sizes N
          block root {
            alloc T: f32[N, N]
            alloc U: f32[N, N]
            for i in 0 .. N {
              for j_0 in 0 .. (N + 3) / 4 {
                for ax0 in 0 .. 4 {
                  block T(vi: S[0:N] = j_0 * 4 + ax0, vj: S[0:N] = i) where j_0 * 4 + ax0 < N {
                    T[vi, vj] = A[vi, vj] * 2.0f32
                  }
                }
                for j_1 in 0 .. 4 {
                  block U(vi: S[0:N] = i, vj: S[0:N] = j_0 * 4 + j_1) where j_0 * 4 + j_1 < N {
                    U[vi, vj] = T[vj, vi] + 1.0f32
                  }
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. N {
                block Y(vi: S[0:N] = i, vj: S[0:N] = j) {
                  Y[vi, vj] = U[vi, vj] * U[vi, vj] - A[vi, vj]
                }
              }
            }
          }
        }
        """, s.func());
    for (int n : new int[] {1, 4, 7}) sameResults(Programs.chain(), s.func(), n);
  }

  @Test void computeAtOfAReductionRegeneratesItsReductionLoop() {
    Schedule s = new Schedule(Programs.softmax());
    s.computeAt(s.getBlock("s"), loop(s, "Y", 0));
    assertIr("""
        func softmax_rows(X: f32[N, D]) -> (Y: f32[N, D]) {
          sizes N, D
          block root {
            alloc m: f32[N]
            alloc s: f32[N]
            for i in 0 .. N {
              for j in 0 .. D {
                block m(vi: S[0:N] = i, vj: R[0:D] = j) {
                  init { m[vi] = -inf_f32 }
                  m[vi] = max(m[vi], X[vi, vj])
                }
              }
            }
            for i in 0 .. N {
              for r0 in 0 .. D {
                block s(vi: S[0:N] = i, vj: R[0:D] = r0) {
                  init { s[vi] = 0.0f32 }
                  s[vi] = s[vi] + exp(X[vi, vj] - m[vi])
                }
              }
              for j in 0 .. D {
                block Y(vi: S[0:N] = i, vj: S[0:D] = j) {
                  Y[vi, vj] = exp(X[vi, vj] - m[vi]) / s[vi]
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(Programs.softmax(), s.func(), 4, 6);
  }

  @Test void computeAtAfterFuseBoundsFloorDivisionAndModulo() {
    PrimFunc f = Programs.chain();
    Schedule s = new Schedule(f);
    LoopRef fused = s.fuse(loop(s, "U", 0), loop(s, "U", 1));
    List<LoopRef> p = s.split(fused, -1, 6);
    s.computeAt(s.getBlock("T"), p.get(0));
    String text = dev.kiln.ir.tir.text.TirPrinter.print(s.func());
    assertEquals(true, text.contains("for ax0 in 0 .. N {")
        && text.contains("for ax1 in 0 .. (i_j_fused_0 * 6 + 5) / N - i_j_fused_0 * 6 / N + 1 {"), text);
    for (int n : new int[] {1, 3, 5, 8}) sameResults(f, s.func(), n);
    Schedule r = s.trace().replay(f);
    assertNull(StructuralEqual.explain(s.func(), r.func()));
    assertEquals(s.trace(), r.trace());
  }
}

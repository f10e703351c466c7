package dev.kiln.ir.schedule;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every reason tensorize refuses a loop nest; the program is left as it was. */
class TensorizeRejectionTest {
  private static LoopRef loop(Schedule s, String block, int i) { return s.getLoops(s.getBlock(block)).get(i); }

  private static void rejects(Schedule s, LoopRef l, String intrinsic, String reason) {
    PrimFunc before = s.func();
    ScheduleException e = assertThrows(ScheduleException.class, () -> s.tensorize(l, intrinsic));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertSame(before, s.func());
  }

  @Test void unknownIntrinsicListsTheKnownOnes() {
    Schedule s = new Schedule(Programs.matmul());
    rejects(s, loop(s, "C", 0), "jvm.gemm_f64", "no such intrinsic; known: jvm.gemm_f32");
  }

  @Test void aDifferentComputationIsNotTheIntrinsicsForm() {
    PrimFunc rowMax = TirParser.parse("""
        func rowmax(A: f32[M, K]) -> (C: f32[M]) {
          sizes M, K
          block root {
            for i in 0 .. M {
              for k in 0 .. K {
                block C(vi: S[0:M] = i, vk: R[0:K] = k) {
                  init { C[vi] = -3.4e38f32 }
                  C[vi] = max(C[vi], A[vi, vk])
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(rowMax);
    rejects(s, loop(s, "C", 1), "jvm.dot_f32", "which is not the form of jvm.dot_f32");
  }

  @Test void twoLoopsInOneRoleMustBeFusedFirst() {
    PrimFunc conv1x2 = TirParser.parse("""
        func c(A: f32[M, K, 2], B: f32[K, 2, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for i in 0 .. M {
              for j in 0 .. N {
                for k in 0 .. K {
                  for r in 0 .. 2 {
                    block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k, vr: R[0:2] = r) {
                      init { C[vi, vj] = 0.0f32 }
                      C[vi, vj] = C[vi, vj] + A[vi, vk, vr] * B[vk, vr, vj]
                    }
                  }
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(conv1x2);
    rejects(s, loop(s, "C", 0), "jvm.gemm_f32", "loops `k`, `r` all play the role of axis `p`");
  }

  /** C = A·B written into C[j, i] is the product Bᵀ·Aᵀ: matched with the operands exchanged. */
  @Test void aTransposedOutputMatchesWithTheOperandsExchanged() {
    PrimFunc t = TirParser.parse("""
        func t(A: f32[M, K], B: f32[K, N]) -> (C: f32[N, M]) {
          sizes M, N, K
          block root {
            for i in 0 .. M {
              for j in 0 .. N {
                for k in 0 .. K {
                  block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                    init { C[vj, vi] = 0.0f32 }
                    C[vj, vi] = C[vj, vi] + A[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(t);
    s.tensorize(loop(s, "C", 0), "jvm.gemm_f32");
    assertTrue(dev.kiln.ir.tir.text.TirPrinter.print(s.func()).contains("intrinsic \"jvm.gemm_f32\"(B, A, C; N, M, K, 0, 1, N, 0, 1, K, 0, M, 0)"),
        dev.kiln.ir.tir.text.TirPrinter.print(s.func()));
    TensorizeGoldenTest.sameResults(t, s.func(), 5, 7, 3);
  }

  @Test void aNonContiguousOutputRowIsRefused() {
    PrimFunc transposedOut = TirParser.parse("""
        func t(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N, 2]) {
          sizes M, N, K
          block root {
            for i in 0 .. M {
              for j in 0 .. N {
                for k in 0 .. K {
                  block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                    init { C[vi, vj, 0] = 0.0f32 }
                    C[vi, vj, 0] = C[vi, vj, 0] + A[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(transposedOut);
    rejects(s, loop(s, "C", 0), "jvm.gemm_f32", "jvm.gemm_f32 needs 1");
  }

  @Test void aSplitTailGuardIsRefused() {
    Schedule s = new Schedule(Programs.matmul());
    List<LoopRef> j = s.split(loop(s, "C", 1), -1, 16);
    rejects(s, j.get(1), "jvm.gemm_f32", "runs under a predicate");
  }

  @Test void aLoopAroundSeveralBlocksIsRefused() {
    PrimFunc two = TirParser.parse("""
        func two(A: f32[M]) -> (B: f32[M], C: f32[M]) {
          sizes M
          block root {
            for i in 0 .. M {
              block B(vi: S[0:M] = i) {
                B[vi] = A[vi]
              }
              block C(vi: S[0:M] = i) {
                C[vi] = A[vi]
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(two);
    rejects(s, loop(s, "B", 0), "jvm.fma_f32", "do not hold exactly one block in a perfect nest");
  }

  @Test void aParallelLoopInsideTheNestIsRefused() {
    Schedule s = new Schedule(Programs.matmul());
    s.parallel(loop(s, "C", 1));
    rejects(s, loop(s, "C", 0), "jvm.gemm_f32", "loop `j` is parallel");
  }

  @Test void anInitIsRefusedByAnIntrinsicThatDoesNotStartReductions() {
    Schedule s = new Schedule(Programs.matmul());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.reorder(l.get(0), l.get(2), l.get(1));
    rejects(s, loop(s, "C", 2), "jvm.fma_f32", "decompose_reduction first");
  }

  @Test void aLoopThatNoAxisExplainsIsNamed() {
    Schedule s = new Schedule(Programs.matmul());
    rejects(s, loop(s, "C", 0), "jvm.dot_f32", "loop `");
  }
}

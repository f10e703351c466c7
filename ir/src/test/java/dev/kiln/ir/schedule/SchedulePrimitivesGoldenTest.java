package dev.kiln.ir.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.Verifier;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Before/after tests: each primitive on the matmul of {@link Programs}, expected IR as text. */
class SchedulePrimitivesGoldenTest {
  /** Compares after parse + re-print of the expectation, and structurally. */
  static void assertIr(String expected, PrimFunc actual) {
    Verifier.verify(actual);
    PrimFunc want = TirParser.parse(expected);
    assertEquals(TirPrinter.print(want), TirPrinter.print(actual));
    assertNull(StructuralEqual.explain(want, actual));
  }

  private static Schedule sched(PrimFunc f) { return new Schedule(f); }

  @Test void splitByNonDividingFactorGuardsTheTail() {
    Schedule s = sched(Programs.matmulConst());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    List<LoopRef> parts = s.split(l.get(2), -1, 8);
    assertEquals(List.of("k_0", "k_1"), parts.stream().map(LoopRef::name).toList());
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for i in 0 .. 64 {
              for j in 0 .. 48 {
                for k_0 in 0 .. 4 {
                  for k_1 in 0 .. 8 {
                    block C(vi: S[0:64] = i, vj: S[0:48] = j, vk: R[0:30] = k_0 * 8 + k_1) where k_0 * 8 + k_1 < 30 {
                      init { C[vi, vj] = 0.0f32 }
                      C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                    }
                  }
                }
              }
            }
          }
        }
        """, s.func());
  }

  @Test void splitIntoThreeDividingFactorsNeedsNoGuard() {
    Schedule s = sched(Programs.matmulConst());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.split(l.get(1), 2, -1, 4);
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for i in 0 .. 64 {
              for j_0 in 0 .. 2 {
                for j_1 in 0 .. 6 {
                  for j_2 in 0 .. 4 {
                    for k in 0 .. 30 {
                      block C(vi: S[0:64] = i, vj: S[0:48] = j_0 * 24 + j_1 * 4 + j_2, vk: R[0:30] = k) {
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
        """, s.func());
  }

  @Test void splitOfSymbolicExtentInfersCeilingAndGuards() {
    Schedule s = sched(Programs.matmul());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.split(l.get(0), List.of("io", "ii"), -1, 32);
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for io in 0 .. (M + 31) / 32 {
              for ii in 0 .. 32 {
                for j in 0 .. N {
                  for k in 0 .. K {
                    block C(vi: S[0:M] = io * 32 + ii, vj: S[0:N] = j, vk: R[0:K] = k) where io * 32 + ii < M {
                      init { C[vi, vj] = 0.0f32 }
                      C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                    }
                  }
                }
              }
            }
          }
        }
        """, s.func());
  }

  @Test void splitTailGuardsStatementsOutsideBlocksWithAnIf() {
    PrimFunc f = TirParser.parse("""
        func g(A: i32[10]) -> (B: i32[10]) {
          block root {
            for i in 0 .. 10 {
              let t: i32 = A[i]
              B[i] = t * 2
            }
          }
        }
        """);
    Schedule s = sched(f);
    s.split(new LoopRef("given", dev.kiln.ir.tir.util.IrQuery.loops(f.body()).get(0).var()), -1, 4);
    assertIr("""
        func g(A: i32[10]) -> (B: i32[10]) {
          block root {
            for i_0 in 0 .. 3 {
              for i_1 in 0 .. 4 {
                if i_0 * 4 + i_1 < 10 {
                  let t: i32 = A[i_0 * 4 + i_1]
                  B[i_0 * 4 + i_1] = t * 2
                }
              }
            }
          }
        }
        """, s.func());
    int[] out = (int[]) dev.kiln.ir.interp.Interpreter.runAllocating(s.func(),
        new Object[] {new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}, new int[0])[0];
    assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18), java.util.Arrays.stream(out).boxed().toList());
  }

  @Test void fuseOfSymbolicLoopsUsesFloorDivAndMod() {
    Schedule s = sched(Programs.matmul());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    assertEquals("i_j_fused", s.fuse(l.get(0), l.get(1)).name());
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for i_j_fused in 0 .. M * N {
              for k in 0 .. K {
                block C(vi: S[0:M] = i_j_fused / N, vj: S[0:N] = i_j_fused % N, vk: R[0:K] = k) {
                  init { C[vi, vj] = 0.0f32 }
                  C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                }
              }
            }
          }
        }
        """, s.func());
  }

  @Test void splitOfAFusedLoopByTheInnerExtentSimplifiesBack() {
    Schedule s = sched(Programs.matmulConst());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    LoopRef f = s.fuse(l.get(0), l.get(1));
    s.split(f, List.of("a", "b"), -1, 48);
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for a in 0 .. 64 {
              for b in 0 .. 48 {
                for k in 0 .. 30 {
                  block C(vi: S[0:64] = a, vj: S[0:48] = b, vk: R[0:30] = k) {
                    init { C[vi, vj] = 0.0f32 }
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
          }
        }
        """, s.func());
  }

  @Test void reorderThenAnnotate() {
    Schedule s = sched(Programs.matmulConst());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.reorder(l.get(0), l.get(2), l.get(1));
    s.parallel(l.get(0));
    s.unroll(l.get(2));
    s.vectorize(l.get(1));
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for i in 0 .. 64 parallel {
              for k in 0 .. 30 unroll {
                for j in 0 .. 48 vectorized {
                  block C(vi: S[0:64] = i, vj: S[0:48] = j, vk: R[0:30] = k) {
                    init { C[vi, vj] = 0.0f32 }
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
          }
        }
        """, s.func());
    assertEquals("""
        b0 = get_block("C")
        l0, l1, l2 = get_loops(b0)
        reorder(l0, l2, l1)
        parallel(l0)
        unroll(l2)
        vectorize(l1)
        """, s.trace().toString());
  }

  @Test void reorderLeavesLoopsThatWereNotGivenInPlace() {
    Schedule s = sched(Programs.matmulConst());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.reorder(l.get(2), l.get(0));
    assertEquals(List.of("k", "j", "i"),
        s.getLoops(s.getBlock("C")).stream().map(LoopRef::name).toList());
  }

  @Test void traceReplaysToTheSameProgram() {
    PrimFunc f = Programs.matmul();
    Schedule s = sched(f);
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    List<LoopRef> i = s.split(l.get(0), List.of("io", "ii"), -1, 8);
    List<LoopRef> j = s.split(l.get(1), -1, 4);
    s.reorder(i.get(0), j.get(0), i.get(1), j.get(1));
    LoopRef fused = s.fuse(i.get(0), j.get(0));
    s.split(fused, 3, -1);
    // Variable ids keep growing; a replay must not depend on their absolute values.
    for (int k = 0; k < 5000; k++) Var.index("unused");
    Schedule r = s.trace().replay(f);
    assertNull(StructuralEqual.explain(s.func(), r.func()));
    assertEquals(TirPrinter.print(s.func()), TirPrinter.print(r.func()));
    assertEquals(s.trace(), r.trace());
  }
}

package dev.kiln.ir.schedule;

import static dev.kiln.ir.schedule.SchedulePrimitivesGoldenTest.assertIr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Before/after tests of bind, compute_inline, reverse_compute_inline and decompose_reduction, each
 * also run under the interpreter against the unscheduled program.
 */
class BlockPrimitivesGoldenTest {
  private static LoopRef loop(Schedule s, String block, int i) { return s.getLoops(s.getBlock(block)).get(i); }

  /** The scheduled program computes the same first output as the original on random inputs. */
  private static void sameResults(PrimFunc original, PrimFunc scheduled, int... sizes) {
    Random rnd = new Random(3);
    Object[] in = Interpreter.allocateOutputs(
        new PrimFunc("in", List.of(), original.inputs(), original.sizeVars(), original.body()), sizes);
    for (Object a : in) {
      float[] x = (float[]) a;
      for (int k = 0; k < x.length; k++) x[k] = rnd.nextInt(9) - 4;
    }
    float[] want = (float[]) Interpreter.runAllocating(original, in, sizes)[0];
    float[] got = (float[]) Interpreter.runAllocating(scheduled, in, sizes)[0];
    assertArrayEquals(want, got, 1e-4f);
  }

  @Test void computeInlineReplacesLoadsAndDropsTheAllocation() {
    Schedule s = new Schedule(Programs.chain());
    s.computeInline(s.getBlock("T"));
    assertIr("""
        func chain(A: f32[N, N]) -> (Y: f32[N, N]) {
          sizes N
          block root {
            alloc U: f32[N, N]
            for i in 0 .. N {
              for j in 0 .. N {
                block U(vi: S[0:N] = i, vj: S[0:N] = j) {
                  U[vi, vj] = A[vj, vi] * 2.0f32 + 1.0f32
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

  @Test void computeInlineRecomputesTheConsumersRegions() {
    Schedule s = new Schedule(withRegions());
    s.computeInline(s.getBlock("T"));
    assertIr("""
        func rowsum(A: f32[N, D], b: f32[N]) -> (Y: f32[N]) {
          sizes N, D
          block root {
            alloc S: f32[N]
            for i in 0 .. N {
              for k in 0 .. D {
                block S(vi: S[0:N] = i, vk: R[0:D] = k) {
                  reads A[0:N, 0:D], b[vi]
                  writes S[vi]
                  init { S[vi] = 0.0f32 }
                  S[vi] = S[vi] + A[vi, vk] * (A[vi, 0] + b[vi])
                }
              }
            }
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) {
                reads S[vi]
                writes Y[vi]
                Y[vi] = S[vi] * 2.0f32
              }
            }
          }
        }
        """, s.func());
    sameResults(withRegions(), s.func(), 4, 3);
  }

  @Test void reverseComputeInlineMergesTheConsumerIntoItsProducer() {
    Schedule s = new Schedule(Programs.chain());
    s.reverseComputeInline(s.getBlock("Y"));
    assertIr("""
        func chain(A: f32[N, N]) -> (Y: f32[N, N]) {
          sizes N
          block root {
            alloc T: f32[N, N]
            for i in 0 .. N {
              for j in 0 .. N {
                block T(vi: S[0:N] = i, vj: S[0:N] = j) {
                  T[vi, vj] = A[vi, vj] * 2.0f32
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. N {
                block U(vi: S[0:N] = i, vj: S[0:N] = j) {
                  Y[vi, vj] = (T[vj, vi] + 1.0f32) * (T[vj, vi] + 1.0f32) - A[vi, vj]
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(Programs.chain(), s.func(), 6);
  }

  @Test void reverseComputeInlineMapsPermutedIndicesAndRecomputesRegions() {
    PrimFunc f = TirParser.parse("""
        func tr(A: f32[3, 4]) -> (Y: f32[4, 3]) {
          block root {
            alloc T: f32[3, 4]
            for i in 0 .. 3 {
              for j in 0 .. 4 {
                block T(vi: S[0:3] = i, vj: S[0:4] = j) {
                  reads A[vi, vj]
                  writes T[vi, vj]
                  T[vi, vj] = A[vi, vj] + 1.0f32
                }
              }
            }
            for a in 0 .. 4 {
              for b in 0 .. 3 {
                block Y(va: S[0:4] = a, vb: S[0:3] = b) {
                  reads T[vb, va]
                  writes Y[va, vb]
                  Y[va, vb] = T[vb, va] * 3.0f32
                }
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(f);
    s.reverseComputeInline(s.getBlock("Y"));
    assertIr("""
        func tr(A: f32[3, 4]) -> (Y: f32[4, 3]) {
          block root {
            for i in 0 .. 3 {
              for j in 0 .. 4 {
                block T(vi: S[0:3] = i, vj: S[0:4] = j) {
                  reads A[vi, vj]
                  writes Y[vj, vi]
                  Y[vj, vi] = (A[vi, vj] + 1.0f32) * 3.0f32
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(f, s.func());
  }

  @Test void decomposeReductionAtTheOuterReductionLoopKeepsTheSpatialGuard() {
    Schedule s = new Schedule(Programs.matmulConst());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.split(l.get(1), -1, 7);
    s.split(l.get(2), -1, 8);
    BlockRef init = s.decomposeReduction(s.getBlock("C"), loop(s, "C", 3));
    assertEquals("C_init", init.name());
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for i in 0 .. 64 {
              for j_0 in 0 .. 7 {
                for j_1 in 0 .. 7 {
                  block C_init(vi: S[0:64] = i, vj: S[0:48] = j_0 * 7 + j_1) where j_0 * 7 + j_1 < 48 {
                    C[vi, vj] = 0.0f32
                  }
                  for k_0 in 0 .. 4 {
                    for k_1 in 0 .. 8 {
                      block C(vi: S[0:64] = i, vj: S[0:48] = j_0 * 7 + j_1, vk: R[0:30] = k_0 * 8 + k_1) where j_0 * 7 + j_1 < 48 && k_0 * 8 + k_1 < 30 {
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
    sameResults(Programs.matmulConst(), s.func());
  }

  @Test void decomposeReductionOnSymbolicShapesDropsOnlyTheReductionGuard() {
    Schedule s = new Schedule(Programs.matmul());
    List<LoopRef> l = s.getLoops(s.getBlock("C"));
    s.split(l.get(0), List.of("io", "ii"), -1, 4);
    s.split(l.get(2), List.of("ko", "ki"), -1, 3);
    s.decomposeReduction(s.getBlock("C"), loop(s, "C", 1));
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for io in 0 .. (M + 3) / 4 {
              for ii_init in 0 .. 4 {
                for j_init in 0 .. N {
                  block C_init(vi: S[0:M] = io * 4 + ii_init, vj: S[0:N] = j_init) where io * 4 + ii_init < M {
                    C[vi, vj] = 0.0f32
                  }
                }
              }
              for ii in 0 .. 4 {
                for j in 0 .. N {
                  for ko in 0 .. (K + 2) / 3 {
                    for ki in 0 .. 3 {
                      block C(vi: S[0:M] = io * 4 + ii, vj: S[0:N] = j, vk: R[0:K] = ko * 3 + ki) where io * 4 + ii < M && ko * 3 + ki < K {
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
    sameResults(Programs.matmul(), s.func(), 7, 5, 4);
  }

  @Test void decomposeReductionAboveASpatialLoopCopiesIt() {
    Schedule s = new Schedule(Programs.matmul());
    s.decomposeReduction(s.getBlock("C"), loop(s, "C", 1));
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for i in 0 .. M {
              for j_init in 0 .. N {
                block C_init(vi: S[0:M] = i, vj: S[0:N] = j_init) {
                  C[vi, vj] = 0.0f32
                }
              }
              for j in 0 .. N {
                for k in 0 .. K {
                  block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(Programs.matmul(), s.func(), 5, 4, 3);
  }

  @Test void bindMarksLoopsThreadBound() {
    Schedule s = new Schedule(Programs.matmul());
    s.bind(loop(s, "C", 0), "blockIdx.x");
    s.bind(loop(s, "C", 1), "threadIdx.x");
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for i in 0 .. M thread "blockIdx.x" {
              for j in 0 .. N thread "threadIdx.x" {
                for k in 0 .. K {
                  block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                    init { C[vi, vj] = 0.0f32 }
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(Programs.matmul(), s.func(), 3, 4, 5);
  }

  @Test void traceOfBlockPrimitivesReplays() {
    PrimFunc f = Programs.chain();
    Schedule s = new Schedule(f);
    s.computeInline(s.getBlock("T"));
    s.reverseComputeInline(s.getBlock("Y"));
    s.bind(loop(s, "U", 0), "blockIdx.x");
    PrimFunc m = Programs.matmul();
    Schedule t = new Schedule(m);
    BlockRef init = t.decomposeReduction(t.getBlock("C"), loop(t, "C", 2));
    t.split(t.getLoops(init).get(1), -1, 4);
    for (int k = 0; k < 1000; k++) Var.index("unused");
    for (Schedule x : List.of(s, t)) {
      Schedule r = x.trace().replay(x == s ? f : m);
      assertNull(StructuralEqual.explain(x.func(), r.func()));
      assertEquals(TirPrinter.print(x.func()), TirPrinter.print(r.func()));
      assertEquals(x.trace(), r.trace());
    }
    assertEquals("""
        b0 = get_block("T")
        compute_inline(b0)
        b1 = get_block("Y")
        reverse_compute_inline(b1)
        b2 = get_block("U")
        l0, l1 = get_loops(b2)
        bind(l0, "blockIdx.x")
        """, s.trace().toString());
  }

  /** A producer T, a reduction S reading T, and Y reading S, with the regions the op lowering writes. */
  private static PrimFunc withRegions() {
    return TirParser.parse("""
        func rowsum(A: f32[N, D], b: f32[N]) -> (Y: f32[N]) {
          sizes N, D
          block root {
            alloc T: f32[N]
            alloc S: f32[N]
            for i in 0 .. N {
              block T(vi: S[0:N] = i) {
                reads A[vi, 0], b[vi]
                writes T[vi]
                T[vi] = A[vi, 0] + b[vi]
              }
            }
            for i in 0 .. N {
              for k in 0 .. D {
                block S(vi: S[0:N] = i, vk: R[0:D] = k) {
                  reads A[vi, vk], T[vi]
                  writes S[vi]
                  init { S[vi] = 0.0f32 }
                  S[vi] = S[vi] + A[vi, vk] * T[vi]
                }
              }
            }
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) {
                reads S[vi]
                writes Y[vi]
                Y[vi] = S[vi] * 2.0f32
              }
            }
          }
        }
        """);
  }
}

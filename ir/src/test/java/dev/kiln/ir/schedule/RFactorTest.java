package dev.kiln.ir.schedule;

import static dev.kiln.ir.schedule.PrimitiveChecks.loop;
import static dev.kiln.ir.schedule.PrimitiveChecks.rejects;
import static dev.kiln.ir.schedule.PrimitiveChecks.replays;
import static dev.kiln.ir.schedule.PrimitiveChecks.sameResults;
import static dev.kiln.ir.schedule.SchedulePrimitivesGoldenTest.assertIr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** rfactor: before/after IR, the same results under the interpreter, and every rejection. */
class RFactorTest {
  private static final Consumer<Schedule> NONE = s -> { };

  private static PrimFunc matmulWith(String from, String to) {
    String text = TirPrinter.print(Programs.matmul());
    if (!text.contains(from)) throw new IllegalArgumentException(from);
    return TirParser.parse(text.replace(from, to));
  }

  /** A reduction {@code C[i] += A[i, k0 * 4 + k1]} over split loops, with a chosen predicate and a block beside k1. */
  private static PrimFunc splitSum(String where, String beside) {
    return TirParser.parse("""
        func g(A: f32[N, 8]) -> (C: f32[N], D: f32[2]) {
          sizes N
          block root {
            for i in 0 .. N {
              for k0 in 0 .. 2 {
                %s
                for k1 in 0 .. 4 {
                  block C(vi: S[0:N] = i, vk: R[0:8] = k0 * 4 + k1) %s {
                    init { C[vi] = 0.0f32 }
                    C[vi] = C[vi] + A[vi, vk]
                  }
                }
              }
            }
          }
        }
        """.formatted(beside, where));
  }

  @Test void rfactorOfTheInnerPartOfASplitReduction() {
    PrimFunc f = Programs.matmul();
    Schedule s = new Schedule(f);
    List<LoopRef> k = s.split(loop(s, "C", 2), -1, 4);
    BlockRef rf = s.rfactor(k.get(1));
    assertEquals("C_rf", rf.name());
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            alloc C_rf: f32[4, M, N]
            for i in 0 .. M {
              for j in 0 .. N {
                for k_0 in 0 .. (K + 3) / 4 {
                  for k_1 in 0 .. 4 {
                    block C_rf(vi: S[0:M] = i, vj: S[0:N] = j, vk_1: S[0:4] = k_1, vk_0: R[0:(K + 3) / 4] = k_0) where k_0 * 4 + k_1 < K {
                      init { C_rf[vk_1, vi, vj] = 0.0f32 }
                      C_rf[vk_1, vi, vj] = C_rf[vk_1, vi, vj] + A[vi, vk_0 * 4 + vk_1] * B[vk_0 * 4 + vk_1, vj]
                    }
                  }
                }
              }
            }
            for i_1 in 0 .. M {
              for j_1 in 0 .. N {
                for k_1_1 in 0 .. 4 {
                  block C(vi_1: S[0:M] = i_1, vj_1: S[0:N] = j_1, vk_1_1: R[0:4] = k_1_1) where k_1_1 < K {
                    init { C[vi_1, vj_1] = 0.0f32 }
                    C[vi_1, vj_1] = C[vi_1, vj_1] + C_rf[vk_1_1, vi_1, vj_1]
                  }
                }
              }
            }
          }
        }
        """, s.func());
    for (int[] sizes : new int[][] {{3, 5, 7}, {2, 2, 8}, {1, 1, 1}, {4, 3, 13}}) sameResults(f, s.func(), sizes);
    replays(f, s);
  }

  @Test void rfactorOfTheOuterPartDropsAGuardThatAlwaysHolds() {
    PrimFunc f = Programs.matmulConst();
    Schedule s = new Schedule(f);
    List<LoopRef> k = s.split(loop(s, "C", 2), -1, 4);
    s.rfactor(k.get(0));
    String text = TirPrinter.print(s.func());
    assertTrue(text.contains("alloc C_rf: f32[8, 64, 48]"), text);
    assertTrue(text.contains("block C(vi_1: S[0:64] = i_1, vj_1: S[0:48] = j_1, vk_0_1: R[0:8] = k_0_1) {"), text);
    sameResults(f, s.func());
    replays(f, s);
  }

  @Test void theRfBlockCanBeScheduledFurtherAndTheSpatialTailsAreKept() {
    PrimFunc f = Programs.matmul();
    Schedule s = new Schedule(f);
    List<LoopRef> i = s.split(loop(s, "C", 0), -1, 3);
    List<LoopRef> k = s.split(loop(s, "C", 3), -1, 4);
    s.reorder(k.get(1), i.get(0));
    s.rfactor(k.get(1));
    s.parallel(k.get(1));
    String text = TirPrinter.print(s.func());
    assertTrue(text.contains("for k_1 in 0 .. 4 parallel {"), text);
    assertEquals("rfactor", s.trace().steps().get(s.trace().steps().size() - 2).primitive());
    assertTrue(text.contains("where i_0_1 * 3 + i_1_1 < M && k_1_1 < K {"), text);
    for (int[] sizes : new int[][] {{4, 2, 9}, {1, 3, 2}, {7, 1, 16}}) sameResults(f, s.func(), sizes);
    replays(f, s);
  }

  @Test void rejectsALoopWithoutExactlyOneBlock() {
    rejects(Programs.matmul(), s -> s.decomposeReduction(s.getBlock("C"), loop(s, "C", 1)), s -> s.rfactor(loop(s, "C", 0)),
        "cannot rfactor loop `i`: it must hold exactly one block, a reduction; it holds `C_init`, `C`");
  }

  @Test void rejectsAnAnnotatedLoop() {
    rejects(Programs.matmul(), s -> s.unroll(loop(s, "C", 2)), s -> s.rfactor(loop(s, "C", 2)), "loop `k`: it is unroll");
  }

  @Test void rejectsABlockThatIsNotASumWithAnInit() {
    rejects(Programs.chain(), NONE, s -> s.rfactor(loop(s, "U", 1)), "block `U` is not a reduction with an init");
    rejects(Programs.matmul(), s -> s.decomposeReduction(s.getBlock("C"), loop(s, "C", 2)), s -> s.rfactor(loop(s, "C", 2)),
        "block `C` is not a reduction with an init");
    rejects(Programs.softmax(), NONE, s -> s.rfactor(loop(s, "m", 1)), "block `m` is not a sum `C[...] = C[...] + e`");
    rejects(matmulWith("C[vi, vj] + A[vi, vk]", "A[vi, vk] + A[vi, vk]"), NONE, s -> s.rfactor(loop(s, "C", 2)),
        "neither operand of its `+` reads the point it stores");
    rejects(matmulWith("A[vi, vk] * B[vk, vj]", "C[vi, vj] * B[vk, vj]"), NONE, s -> s.rfactor(loop(s, "C", 2)),
        "the term added by block `C` reads `C` itself");
    rejects(matmulWith("init { C[vi, vj] = 0.0f32 }", "init { C[vi, vj] = 1.0f32 }"), NONE, s -> s.rfactor(loop(s, "C", 2)),
        "the init of block `C` is not `C[...] = 0` at the point it updates (it stores 1.0f32)");
  }

  @Test void rejectsAStoreIndexedByAReductionVariable() {
    rejects(TirParser.parse("""
        func g(A: f32[N]) -> (C: f32[N]) {
          sizes N
          block root {
            for k in 0 .. N {
              block C(vk: R[0:N] = k) {
                init { C[vk] = 0.0f32 }
                C[vk] = C[vk] + A[vk]
              }
            }
          }
        }
        """), NONE, s -> s.rfactor(loop(s, "C", 0)), "stores at an index that uses reduction iter var `vk`");
  }

  @Test void rejectsASpatialLoop() {
    rejects(Programs.matmul(), NONE, s -> s.rfactor(loop(s, "C", 1)), "loop `j`: it binds no reduction iter var of block `C`");
  }

  @Test void rejectsALoopBoundToBothKinds() {
    rejects(TirParser.parse("""
        func g(A: f32[N]) -> (C: f32[N]) {
          sizes N
          block root {
            for k in 0 .. N {
              block C(vi: S[0:N] = k, vk: R[0:N] = k) {
                init { C[vi] = 0.0f32 }
                C[vi] = C[vi] + A[vk]
              }
            }
          }
        }
        """), NONE, s -> s.rfactor(loop(s, "C", 0)), "loop `k` binds both reduction iter var `vk` of block `C` and a spatial iter var");
  }

  @Test void rejectsAReductionLoopOutsideTheBlocksOwnNest() {
    rejects(splitSum("", "block D(v: S[0:2] = k0) { D[v] = 1.0f32 }"), NONE, s -> s.rfactor(loop(s, "C", 2)),
        "loop `k0` binds reduction iter var `vk` of block `C` but holds other statements besides the block");
  }

  @Test void rejectsABlockInsideAnotherBlock() {
    rejects(Programs.matmul(), s -> {
      List<LoopRef> k = s.split(loop(s, "C", 2), -1, 2);
      s.blockize(k.get(1));
    }, s -> s.rfactor(loop(s, "C", 0)), "block `C` is inside block `C_o`, whose regions would not cover the new buffer");
  }

  private static final String LET_BETWEEN = """
        func g(A: f32[N, 8]) -> (C: f32[N]) {
          sizes N
          block root {
            for i in 0 .. N {
              let t: i32 = 4
              for k in 0 .. 4 {
                block C(vi: S[0:N] = i, vk: R[0:8] = k + t) {
                  init { C[vi] = 0.0f32 }
                  C[vi] = C[vi] + A[vi, vk]
                }
              }
            }
          }
        }
        """;

  @Test void rejectsAReductionBoundThroughAnotherVariable() {
    rejects(TirParser.parse(LET_BETWEEN), NONE, s -> s.rfactor(loop(s, "C", 1)),
        "reduction iter var `vk` of block `C` is bound using `t`, which is not a loop of the block's own nest");
  }

  @Test void rejectsAStatementBetweenTheLoopAndTheBlock() {
    rejects(TirParser.parse(LET_BETWEEN), NONE, s -> s.rfactor(loop(s, "C", 0)),
        "loop `i`: a statement other than a loop lies between it and block `C`");
  }

  @Test void rejectsAReductionLoopWithAVaryingRange() {
    rejects(TirParser.parse("""
        func g(A: f32[N, N]) -> (C: f32[N]) {
          sizes N
          block root {
            for i in 0 .. N {
              for k in 0 .. i + 1 {
                block C(vi: S[0:N] = i, vk: R[0:N] = k) {
                  init { C[vi] = 0.0f32 }
                  C[vi] = C[vi] + A[vi, vk]
                }
              }
            }
          }
        }
        """), NONE, s -> s.rfactor(loop(s, "C", 1)), "the range of reduction loop `k` depends on loop `i`");
  }

  @Test void rejectsAPredicateThatMayFailAtTheFirstIterationOfTheOtherLoops() {
    rejects(splitSum("where k1 - k0 < 3", ""), NONE, s -> s.rfactor(loop(s, "C", 2)),
        "its predicate `k1 - k0 < 3` might hold at later iterations of the other reduction loops but not at their first");
    PrimFunc ok = splitSum("where k0 * 4 + k1 < 7", "");
    Schedule s = new Schedule(ok);
    s.rfactor(loop(s, "C", 2));
    sameResults(ok, s.func(), 3);
  }
}

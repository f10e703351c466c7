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

/** blockize: before/after IR, the same results under the interpreter, and every rejection. */
class BlockizeTest {
  private static final Consumer<Schedule> NONE = s -> { };

  /** {@code C[i] += A[i, k]} over loops {@code r, i, k} with a chosen range of k and predicate, and a chosen statement before k. */
  private static PrimFunc rowSum(String kExtent, String where, String beforeK) {
    return TirParser.parse("""
        func g(A: f32[N, N]) -> (C: f32[N]) {
          sizes N
          block root {
            for r in 0 .. 1 {
              for i in 0 .. N {
                %s
                for k in 0 .. %s {
                  block C(vi: S[0:N] = i, vk: R[0:N] = k) %s {
                    init { C[vi] = 0.0f32 }
                    C[vi] = C[vi] + A[vi, vk]
                  }
                }
              }
            }
          }
        }
        """.formatted(beforeK, kExtent, where));
  }

  /** Tiles the symbolic matmul 4 x 8 x 2 with the tile loops outside. */
  private static List<List<LoopRef>> tile(Schedule s) {
    List<LoopRef> i = s.split(loop(s, "C", 0), -1, 4);
    List<LoopRef> j = s.split(loop(s, "C", 2), -1, 8);
    List<LoopRef> k = s.split(loop(s, "C", 4), -1, 2);
    s.reorder(i.get(0), j.get(0), k.get(0), i.get(1), j.get(1), k.get(1));
    return List.of(i, j, k);
  }

  @Test void blockizeTheTileOfATiledMatmul() {
    PrimFunc f = Programs.matmul();
    Schedule s = new Schedule(f);
    List<List<LoopRef>> t = tile(s);
    BlockRef o = s.blockize(t.get(0).get(1));
    assertEquals("C_o", o.name());
    assertIr("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for i_0 in 0 .. (M + 3) / 4 {
              for j_0 in 0 .. (N + 7) / 8 {
                for k_0 in 0 .. (K + 1) / 2 {
                  block C_o(vi_o: S[0:(M + 3) / 4] = i_0, vj_o: S[0:(N + 7) / 8] = j_0, vk_o: R[0:(K + 1) / 2] = k_0) {
                    for i_1 in 0 .. 4 {
                      for j_1 in 0 .. 8 {
                        for k_1 in 0 .. 2 {
                          block C(vi: S[0:M] = i_1 + vi_o * 4, vj: S[0:N] = j_1 + vj_o * 8, vk: R[0:K] = k_1 + vk_o * 2) where i_1 + vi_o * 4 < M && j_1 + vj_o * 8 < N && k_1 + vk_o * 2 < K {
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
        }
        """, s.func());
    for (int[] sizes : new int[][] {{5, 9, 3}, {8, 16, 2}, {1, 1, 1}}) sameResults(f, s.func(), sizes);
    replays(f, s);
  }

  @Test void bindingsOverOnlyOneSideNeedNoDivision() {
    PrimFunc f = Programs.matmulConst();
    Schedule s = new Schedule(f);
    s.blockize(loop(s, "C", 1));
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for i in 0 .. 64 {
              block C_o(vi_o: S[0:64] = i) {
                for j in 0 .. 48 {
                  for k in 0 .. 30 {
                    block C(vi: S[0:64] = vi_o, vj: S[0:48] = j, vk: R[0:30] = k) {
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
    sameResults(f, s.func());
  }

  @Test void blockizeTwiceNestsTheBlocks() {
    PrimFunc f = Programs.matmul();
    Schedule s = new Schedule(f);
    List<List<LoopRef>> t = tile(s);
    s.blockize(t.get(0).get(1));
    BlockRef outer = s.blockize(t.get(1).get(0));
    assertEquals("C_o_o", outer.name());
    String text = TirPrinter.print(s.func());
    assertTrue(text.contains("for i_0 in 0 .. (M + 3) / 4 {\n      block C_o_o(vi_o_o: S[0:(M + 3) / 4] = i_0) {\n        for j_0 in"), text);
    assertTrue(text.contains("block C_o(vi_o: S[0:(M + 3) / 4] = vi_o_o, vj_o: S[0:(N + 7) / 8] = j_0, vk_o: R[0:(K + 1) / 2] = k_0) {"), text);
    for (int[] sizes : new int[][] {{5, 9, 3}, {2, 17, 4}}) sameResults(f, s.func(), sizes);
    replays(f, s);
  }

  @Test void anOuterOnlyPredicateGuardsTheOuterBlock() {
    PrimFunc f = rowSum("N", "where r + i < N", "");
    Schedule s = new Schedule(f);
    s.blockize(loop(s, "C", 2));
    String text = TirPrinter.print(s.func());
    assertTrue(text.contains("block C_o(vi_o: S[0:N] = i) where r + i < N {"), text);
    sameResults(f, s.func(), 4);
  }

  @Test void rejectsALoopWithoutExactlyOneBlock() {
    rejects(Programs.matmul(), s -> s.decomposeReduction(s.getBlock("C"), loop(s, "C", 1)), s -> s.blockize(loop(s, "C", 0)),
        "cannot blockize loop `i`: it holds 2 blocks or stores (`C_init`, `C`)");
  }

  @Test void rejectsANestThatIsNotPerfect() {
    rejects(rowSum("N", "", "let t: i32 = i * 2 {\n}\n"), NONE, s -> s.blockize(loop(s, "C", 1)),
        "cannot blockize loop `i`: a statement other than a loop lies between it and `C`");
    rejects(TirParser.parse(TirPrinter.print(rowSum("N", "", "")).replace("for k in 0 .. N {", "let t: i32 = i * 2\nfor k in 0 .. N {")),
        NONE, s -> s.blockize(loop(s, "C", 1)), "a statement other than a loop lies between it and `C`");
  }

  @Test void rejectsAnInnerRangeOverAnOuterLoop() {
    rejects(rowSum("i + 1", "", ""), NONE, s -> s.blockize(loop(s, "C", 2)),
        "the range of loop `k` depends on `i` outside it, which the new block would hide");
  }

  @Test void rejectsABindingWhoseTermMixesBothSides() {
    rejects(Programs.chain(), s -> {
      LoopRef fused = s.fuse(loop(s, "U", 0), loop(s, "U", 1));
      s.split(fused, -1, 4);
    }, s -> s.blockize(loop(s, "U", 1)), "the binding `(i_j_fused_0 * 4 + i_j_fused_1) / N` of iter var `vi` is not affine-divisible",
        "it is one term over both");
  }

  @Test void rejectsAnOuterPartThatIsNotAMultipleOfTheInnerExtent() {
    rejects(Programs.matmulConst(), s -> {
      List<LoopRef> i = s.split(loop(s, "C", 0), -1, 4);
      s.split(i.get(1), -1, 3);
    }, s -> s.blockize(loop(s, "C", 2)), "of iter var `vi` is not affine-divisible", "is not a multiple of the extent `3` of its inner part");
  }

  @Test void rejectsAMixedPredicateTheOuterVariablesCannotExpress() {
    rejects(rowSum("N", "where r + k < N", ""), NONE, s -> s.blockize(loop(s, "C", 2)),
        "the predicate `r + k < N` of block `C` mixes loops outside and inside the loop");
  }
}

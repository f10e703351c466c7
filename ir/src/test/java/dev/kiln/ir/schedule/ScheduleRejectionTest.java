package dev.kiln.ir.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every precondition failure: a ScheduleException naming the loop/block and why; no state change. */
class ScheduleRejectionTest {
  /** Runs {@code bad} on a schedule of {@code f} and checks the message and that nothing changed. */
  private static void rejects(PrimFunc f, Consumer<Schedule> setup, Consumer<Schedule> bad, String... fragments) {
    Schedule s = new Schedule(f);
    setup.accept(s);
    PrimFunc before = s.func();
    List<TraceStep> trace = transformations(s);
    ScheduleException e = assertThrows(ScheduleException.class, () -> bad.accept(s));
    for (String frag : fragments)
      assertTrue(e.getMessage().contains(frag), "message `" + e.getMessage() + "` lacks `" + frag + "`");
    assertSame(before, s.func());
    assertEquals(trace, transformations(s));
  }

  /** The recorded steps other than handle lookups (which {@code bad} itself performs). */
  private static List<TraceStep> transformations(Schedule s) {
    return s.trace().steps().stream().filter(t -> !t.primitive().startsWith("get_")).toList();
  }

  private static LoopRef loop(Schedule s, String block, int i) { return s.getLoops(s.getBlock(block)).get(i); }

  private static final Consumer<Schedule> NONE = s -> { };

  @Test void unknownBlock() {
    rejects(Programs.matmul(), NONE, s -> s.getBlock("D"), "no block named `D`");
  }

  @Test void splitNeedsTwoFactors() {
    rejects(Programs.matmul(), NONE, s -> s.split(loop(s, "C", 0), 4), "loop `i`", "at least two factors");
  }

  @Test void splitAllowsOneInferredFactor() {
    rejects(Programs.matmul(), NONE, s -> s.split(loop(s, "C", 0), -1, -1), "at most one factor may be -1");
  }

  @Test void splitRejectsNonPositiveFactor() {
    rejects(Programs.matmul(), NONE, s -> s.split(loop(s, "C", 0), -1, 0), "factor 0 is not positive");
    rejects(Programs.matmul(), NONE, s -> s.split(loop(s, "C", 0), -3, 4), "factor -3 is not positive");
  }

  @Test void splitFactorsMustCoverAConstantExtent() {
    rejects(Programs.matmulConst(), NONE, s -> s.split(loop(s, "C", 2), 4, 7), "loop `k`", "cover 28 iterations of its extent 30");
  }

  @Test void splitOfSymbolicExtentNeedsAnInferredFactor() {
    rejects(Programs.matmul(), NONE, s -> s.split(loop(s, "C", 0), 4, 8), "loop `i`", "symbolic");
  }

  @Test void splitNamesMustMatchFactors() {
    rejects(Programs.matmul(), NONE, s -> s.split(loop(s, "C", 0), List.of("a"), -1, 8), "2 factors but 1 result names");
  }

  @Test void splitOfAnnotatedLoop() {
    rejects(Programs.matmul(), s -> s.parallel(loop(s, "C", 0)), s -> s.split(loop(s, "C", 0), -1, 8),
        "loop `i`", "it is parallel");
  }

  @Test void staleHandleAfterSplit() {
    Schedule s = new Schedule(Programs.matmul());
    LoopRef i = loop(s, "C", 0);
    s.split(i, -1, 8);
    PrimFunc before = s.func();
    ScheduleException e = assertThrows(ScheduleException.class, () -> s.unroll(i));
    assertTrue(e.getMessage().contains("loop `i` (l0) no longer exists"), e.getMessage());
    assertSame(before, s.func());
  }

  @Test void fuseNeedsTwoLoops() {
    rejects(Programs.matmul(), NONE, s -> s.fuse(loop(s, "C", 0)), "at least two loops");
  }

  @Test void fuseNeedsConsecutiveLoopsOuterFirst() {
    rejects(Programs.matmul(), NONE, s -> s.fuse(loop(s, "C", 1), loop(s, "C", 0)),
        "loops `j` and `i`", "not the whole body");
    rejects(Programs.matmulConst(), NONE, s -> s.fuse(loop(s, "C", 0), loop(s, "C", 2)),
        "loops `i` and `k`", "not the whole body");
  }

  @Test void fuseRejectsMixingSpatialAndReductionLoops() {
    rejects(Programs.matmul(), NONE, s -> s.fuse(loop(s, "C", 1), loop(s, "C", 2)),
        "loops `j` and `k`", "spatial iter var `vj` of block `C`", "reduction iter var `vk` of block `C`");
  }

  @Test void fuseRejectsDependentRange() {
    rejects(triangular(), NONE, s -> s.fuse(loop(s, "L", 0), loop(s, "L", 1)),
        "loop `j`", "depends on an outer loop");
  }

  @Test void fuseOfAnnotatedLoop() {
    rejects(Programs.matmul(), s -> s.unroll(loop(s, "C", 1)), s -> s.fuse(loop(s, "C", 0), loop(s, "C", 1)),
        "loop `j`", "it is unroll");
  }

  @Test void reorderNeedsTwoDistinctLoops() {
    rejects(Programs.matmul(), NONE, s -> s.reorder(loop(s, "C", 0)), "at least two loops");
    rejects(Programs.matmul(), NONE, s -> { LoopRef i = loop(s, "C", 0); s.reorder(i, i); }, "loop `i` is given twice");
  }

  @Test void reorderRejectsLoopsOfDifferentNests() {
    rejects(Programs.softmax(), NONE, s -> s.reorder(loop(s, "m", 1), loop(s, "s", 0)), "not in one loop nest");
  }

  @Test void reorderRejectsABlockOrStatementBetween() {
    rejects(twoBlocksInOneLoop(), NONE, s -> s.reorder(loop(s, "P", 1), loop(s, "P", 0)),
        "loop `i` is not perfectly nested around loop `j`");
  }

  @Test void reorderRejectsDependentRange() {
    rejects(triangular(), NONE, s -> s.reorder(loop(s, "L", 1), loop(s, "L", 0)), "range of loop `j` depends");
  }

  @Test void reorderOfAnnotatedLoop() {
    rejects(Programs.matmul(), s -> s.parallel(loop(s, "C", 0)), s -> s.reorder(loop(s, "C", 1), loop(s, "C", 0)),
        "loop `i`", "it is parallel");
  }

  @Test void parallelOrReorderAroundSeveralBlocks() {
    rejects(twoBlocksInOneLoop(), NONE, s -> s.parallel(loop(s, "P", 0)),
        "cannot parallelize loop `i`", "contains 2 blocks (`P`, `Q`)");
  }

  @Test void reorderRejectsALoopBindingSpatialAndReductionVars() {
    PrimFunc mixed = TirParser.parse("""
        func mixed(A: f32[8]) -> (B: f32[2]) {
          block root {
            for f in 0 .. 8 {
              for g in 0 .. 1 {
                block M(vi: S[0:2] = f / 4, vk: R[0:4] = f % 4 + g) {
                  init { B[vi] = 0.0f32 }
                  B[vi] = B[vi] + A[vi * 4 + vk]
                }
              }
            }
          }
        }
        """);
    rejects(mixed, NONE, s -> s.reorder(loop(s, "M", 1), loop(s, "M", 0)),
        "loop `f` binds both spatial iter var `vi` of block `M` and reduction iter var `vk` of block `M`");
  }

  @Test void parallelOfReductionLoop() {
    rejects(Programs.matmul(), NONE, s -> s.parallel(loop(s, "C", 2)),
        "cannot parallelize loop `k`", "binds reduction iter var `vk` of block `C`");
  }

  @Test void nestedParallelism() {
    rejects(Programs.matmul(), s -> s.parallel(loop(s, "C", 0)), s -> s.parallel(loop(s, "C", 1)),
        "loop `j`", "inside parallel loop `i`");
    rejects(Programs.matmul(), s -> s.parallel(loop(s, "C", 1)), s -> s.parallel(loop(s, "C", 0)),
        "loop `i`", "contains parallel loop `j`");
  }

  @Test void vectorizeOfReductionLoop() {
    rejects(Programs.matmulConst(), s -> s.reorder(loop(s, "C", 2), loop(s, "C", 1)) , s -> s.vectorize(loop(s, "C", 1)),
        "cannot vectorize loop `k`", "binds reduction iter var `vk`");
  }

  @Test void vectorizeOfOuterLoop() {
    rejects(Programs.matmul(), NONE, s -> s.vectorize(loop(s, "C", 1)), "loop `j`", "not innermost", "contains loop `k`");
  }

  @Test void annotatingTwice() {
    rejects(Programs.matmul(), s -> s.unroll(loop(s, "C", 2)), s -> s.unroll(loop(s, "C", 2)),
        "cannot unroll loop `k`", "already unroll");
    rejects(Programs.matmulConst(), s -> {
      s.reorder(loop(s, "C", 2), loop(s, "C", 1));
      s.vectorize(loop(s, "C", 2));
    }, s -> s.unroll(loop(s, "C", 2)), "cannot unroll loop `j`", "already vectorized");
  }

  @Test void traceReplayOnAnotherFunctionFails() {
    Schedule s = new Schedule(Programs.matmul());
    s.split(loop(s, "C", 2), -1, 8);
    assertThrows(ScheduleException.class, () -> s.trace().replay(Programs.softmax()));
  }

  /** {@code for i in 0..8 { for j in 0..i+1 { L } }}: j's extent depends on i. */
  private static PrimFunc triangular() {
    return TirParser.parse("""
        func tri(A: f32[8, 8]) -> (B: f32[8, 8]) {
          block root {
            for i in 0 .. 8 {
              for j in 0 .. i + 1 {
                block L(vi: S[0:8] = i, vj: S[0:8] = j) {
                  B[vi, vj] = A[vi, vj]
                }
              }
            }
          }
        }
        """);
  }

  /** Two blocks under one loop {@code i}: block P under {@code j}, block Q under {@code j}. */
  private static PrimFunc twoBlocksInOneLoop() {
    return TirParser.parse("""
        func two(A: f32[8, 8]) -> (B: f32[8, 8], C: f32[8, 8]) {
          block root {
            for i in 0 .. 8 {
              for j in 0 .. 8 {
                block P(vi: S[0:8] = i, vj: S[0:8] = j) {
                  B[vi, vj] = A[vi, vj]
                }
              }
              for j in 0 .. 8 {
                block Q(vi: S[0:8] = i, vj: S[0:8] = j) {
                  C[vi, vj] = A[vi, vj]
                }
              }
            }
          }
        }
        """);
  }
}

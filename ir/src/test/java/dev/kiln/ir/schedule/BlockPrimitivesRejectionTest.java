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

/** Every precondition failure of the block primitives and bind: the message, and no state change. */
class BlockPrimitivesRejectionTest {
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

  private static List<TraceStep> transformations(Schedule s) {
    return s.trace().steps().stream().filter(t -> !t.primitive().startsWith("get_")).toList();
  }

  private static LoopRef loop(Schedule s, String block, int i) { return s.getLoops(s.getBlock(block)).get(i); }

  private static final Consumer<Schedule> NONE = s -> { };

  // compute_inline

  @Test void computeInlineOfAReduction() {
    rejects(Programs.softmax(), NONE, s -> s.computeInline(s.getBlock("m")), "block `m`", "reduction block");
  }

  @Test void computeInlineOfAnOutput() {
    rejects(Programs.chain(), NONE, s -> s.computeInline(s.getBlock("Y")), "`Y` is a parameter", "not an intermediate");
  }

  @Test void computeInlineOfTheRoot() {
    rejects(Programs.chain(), NONE, s -> s.computeInline(s.getBlock("root")), "root block");
  }

  @Test void computeInlineOfAGuardedBlock() {
    rejects(Programs.chain(), s -> s.split(loop(s, "T", 1), -1, 4), s -> s.computeInline(s.getBlock("T")),
        "runs under a predicate");
  }

  @Test void computeInlineOfANonPlainStore() {
    rejects(edit("T[vi, vj] = A[vi, vj] * 2.0f32", "T[vj, vj] = A[vi, vj] * 2.0f32"), NONE,
        s -> s.computeInline(s.getBlock("T")), "store of `T` is not indexed by distinct plain iteration variables");
  }

  @Test void computeInlineOfAPartialWrite() {
    rejects(edit("block T(vi: S[0:N] = i", "block T(vi: S[0:N - 1] = i"), NONE,
        s -> s.computeInline(s.getBlock("T")), "`vi` does not cover dimension 0 of `T`");
  }

  @Test void computeInlineOfABodyThatIsNotOneStore() {
    rejects(edit("T[vi, vj] = A[vi, vj] * 2.0f32", "if vi < 100 { T[vi, vj] = A[vi, vj] * 2.0f32 }"), NONE,
        s -> s.computeInline(s.getBlock("T")), "not a single store");
  }

  @Test void computeInlineWithAnotherWriter() {
    rejects(edit("Y[vi, vj] = U[vi, vj] * U[vi, vj] - A[vi, vj]", "T[vi, vj] = U[vi, vj]"), NONE,
        s -> s.computeInline(s.getBlock("T")), "block `Y` also writes `T`");
  }

  @Test void computeInlineOfAnUnreadBuffer() {
    rejects(edit("U[vi, vj] = T[vj, vi] + 1.0f32", "U[vi, vj] = A[vj, vi] + 1.0f32"), NONE,
        s -> s.computeInline(s.getBlock("T")), "no block reads `T`");
  }

  @Test void computeInlineWhenAnInputIsOverwrittenLater() {
    PrimFunc f = TirParser.parse("""
        func w(A: f32[4]) -> (Y: f32[4]) {
          block root {
            alloc W: f32[4]
            alloc T: f32[4]
            for i in 0 .. 4 {
              block W(vi: S[0:4] = i) { W[vi] = A[vi] }
            }
            for i in 0 .. 4 {
              block T(vi: S[0:4] = i) { T[vi] = W[vi] * 2.0f32 }
            }
            for i in 0 .. 4 {
              block W2(vi: S[0:4] = i) { W[vi] = 0.0f32 }
            }
            for i in 0 .. 4 {
              block Y(vi: S[0:4] = i) { Y[vi] = T[vi] + W[vi] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.computeInline(s.getBlock("T")), "block `W2` writes `W`, which it reads, after it runs");
  }

  @Test void computeInlineWhenReadBeforeComputed() {
    PrimFunc f = TirParser.parse("""
        func w(A: f32[4]) -> (Y: f32[4], Z: f32[4]) {
          block root {
            alloc T: f32[4]
            for i in 0 .. 4 {
              block Z(vi: S[0:4] = i) { Z[vi] = T[vi] }
            }
            for i in 0 .. 4 {
              block T(vi: S[0:4] = i) { T[vi] = A[vi] }
            }
            for i in 0 .. 4 {
              block Y(vi: S[0:4] = i) { Y[vi] = T[vi] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.computeInline(s.getBlock("T")), "block `Z` reads `T` before it is computed");
  }

  // reverse_compute_inline

  @Test void reverseComputeInlineWithAReductionProducer() {
    rejects(Programs.softmax(), NONE, s -> s.reverseComputeInline(s.getBlock("Y")), "reads 2 intermediate buffers (`m`, `s`)");
  }

  @Test void reverseComputeInlineOfAReduction() {
    rejects(Programs.softmax(), NONE, s -> s.reverseComputeInline(s.getBlock("s")), "block `s`", "reduction block");
  }

  @Test void reverseComputeInlineIntoAReductionProducer() {
    PrimFunc f = TirParser.parse("""
        func r(A: f32[4, 4]) -> (Y: f32[4]) {
          block root {
            alloc S: f32[4]
            for i in 0 .. 4 {
              for k in 0 .. 4 {
                block S(vi: S[0:4] = i, vk: R[0:4] = k) {
                  init { S[vi] = 0.0f32 }
                  S[vi] = S[vi] + A[vi, vk]
                }
              }
            }
            for i in 0 .. 4 {
              block Y(vi: S[0:4] = i) { Y[vi] = S[vi] * 2.0f32 }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.reverseComputeInline(s.getBlock("Y")), "its producer `S`: it is a reduction block");
  }

  @Test void reverseComputeInlineWithoutAnIntermediate() {
    rejects(Programs.chain(), NONE, s -> s.reverseComputeInline(s.getBlock("T")), "reads 0 intermediate buffers");
  }

  @Test void reverseComputeInlineWithAnotherReader() {
    rejects(edit("Y[vi, vj] = U[vi, vj] * U[vi, vj] - A[vi, vj]", "Y[vi, vj] = T[vi, vj] * 2.0f32"), NONE,
        s -> s.reverseComputeInline(s.getBlock("U")), "block `Y` also reads `T`");
  }

  @Test void reverseComputeInlineWithDifferentLoadIndices() {
    rejects(edit("U[vi, vj] * U[vi, vj]", "U[vi, vj] * U[vj, vi]"), NONE,
        s -> s.reverseComputeInline(s.getBlock("Y")), "reads `U` at different indices");
  }

  @Test void reverseComputeInlineOfAnAccumulatingConsumer() {
    rejects(edit("Y[vi, vj] = U[vi, vj] * U[vi, vj] - A[vi, vj]", "Y[vi, vj] = U[vi, vj] + Y[vi, vj]"), NONE,
        s -> s.reverseComputeInline(s.getBlock("Y")), "it reads `Y`, which it writes");
  }

  // decompose_reduction

  @Test void decomposeReductionOfASpatialBlock() {
    rejects(Programs.chain(), NONE, s -> s.decomposeReduction(s.getBlock("T"), loop(s, "T", 0)), "has no init");
  }

  @Test void decomposeReductionTwice() {
    rejects(Programs.matmul(), s -> s.decomposeReduction(s.getBlock("C"), loop(s, "C", 2)),
        s -> s.decomposeReduction(s.getBlock("C"), loop(s, "C", 2)), "has no init");
  }

  @Test void decomposeReductionAtALoopOfAnotherNest() {
    rejects(Programs.softmax(), NONE, s -> s.decomposeReduction(s.getBlock("s"), loop(s, "m", 1)),
        "loop `j`", "does not enclose the block");
  }

  @Test void decomposeReductionInsideTheReductionLoop() {
    rejects(Programs.matmulConst(), s -> s.split(loop(s, "C", 2), -1, 5),
        s -> s.decomposeReduction(s.getBlock("C"), loop(s, "C", 3)),
        "inside loop `k_0`, which binds reduction iter var `vk` of block `C`");
  }

  @Test void decomposeReductionAtALoopOfSeveralBlocks() {
    PrimFunc f = TirParser.parse("""
        func two(A: f32[4, 4]) -> (B: f32[4], C: f32[4]) {
          block root {
            for i in 0 .. 4 {
              for k in 0 .. 4 {
                block B(vi: S[0:4] = i, vk: R[0:4] = k) {
                  init { B[vi] = 0.0f32 }
                  B[vi] = B[vi] + A[vi, vk]
                }
              }
              block C(vi: S[0:4] = i) { C[vi] = A[vi, 0] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.decomposeReduction(s.getBlock("B"), loop(s, "B", 0)), "contains 2 blocks (`B`, `C`)");
  }

  @Test void decomposeReductionWithATakenName() {
    PrimFunc f = TirParser.parse("""
        func two(A: f32[4, 4]) -> (B: f32[4], C: f32[4]) {
          block root {
            for i in 0 .. 4 {
              for k in 0 .. 4 {
                block B(vi: S[0:4] = i, vk: R[0:4] = k) {
                  init { B[vi] = 0.0f32 }
                  B[vi] = B[vi] + A[vi, vk]
                }
              }
            }
            for i in 0 .. 4 {
              block B_init(vi: S[0:4] = i) { C[vi] = A[vi, 0] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.decomposeReduction(s.getBlock("B"), loop(s, "B", 1)), "a block named `B_init` already exists");
  }

  // bind

  @Test void bindToAnUnknownTag() {
    rejects(Programs.matmul(), NONE, s -> s.bind(loop(s, "C", 0), "warp.x"), "unknown thread tag", "threadIdx.x");
  }

  @Test void bindOfAReductionLoop() {
    rejects(Programs.matmul(), NONE, s -> s.bind(loop(s, "C", 2), "threadIdx.x"), "binds reduction iter var `vk`");
  }

  @Test void bindTheSameTagTwiceInANest() {
    rejects(Programs.matmul(), s -> s.bind(loop(s, "C", 0), "threadIdx.x"), s -> s.bind(loop(s, "C", 1), "threadIdx.x"),
        "loop `i` of the same nest is bound to it already");
  }

  @Test void bindOfAnAnnotatedLoopOrInsideAParallelOne() {
    rejects(Programs.matmul(), s -> s.unroll(loop(s, "C", 0)), s -> s.bind(loop(s, "C", 0), "blockIdx.x"), "already unroll");
    rejects(Programs.matmul(), s -> s.parallel(loop(s, "C", 0)), s -> s.bind(loop(s, "C", 1), "blockIdx.x"),
        "loop `i` of the same nest is parallel");
  }

  @Test void bindAroundSeveralBlocks() {
    PrimFunc f = TirParser.parse("""
        func two(A: f32[4]) -> (B: f32[4], C: f32[4]) {
          block root {
            for i in 0 .. 4 {
              block B(vi: S[0:4] = i) { B[vi] = A[vi] }
              block C(vi: S[0:4] = i) { C[vi] = B[vi] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.bind(loop(s, "B", 0), "threadIdx.x"), "contains 2 blocks (`B`, `C`)");
  }

  // cache_read, cache_write

  @Test void cacheReadOfAnUnknownOrUnreadTensor() {
    rejects(Programs.matmul(), NONE, s -> s.cacheRead(null, "Q"), "cannot cache_read `Q`", "no tensor named `Q`");
    rejects(Programs.softmax(), NONE, s -> s.cacheRead(s.getBlock("m"), "s"), "for block `m`", "the block does not read it");
    rejects(Programs.chain(), NONE, s -> s.cacheRead(null, "Y"), "no block reads it");
  }

  @Test void cacheReadOfAnAccumulator() {
    rejects(Programs.matmul(), NONE, s -> s.cacheRead(null, "C"), "block `C` also writes it");
  }

  @Test void cacheReadAcrossAWriter() {
    PrimFunc f = TirParser.parse("""
        func w(A: f32[4]) -> (Y: f32[4], Z: f32[4]) {
          block root {
            alloc T: f32[4]
            for i in 0 .. 4 {
              block T(vi: S[0:4] = i) { T[vi] = A[vi] }
            }
            for i in 0 .. 4 {
              block Y(vi: S[0:4] = i) { Y[vi] = T[vi] }
            }
            for i in 0 .. 4 {
              block T2(vi: S[0:4] = i) { T[vi] = 0.0f32 }
            }
            for i in 0 .. 4 {
              block Z(vi: S[0:4] = i) { Z[vi] = T[vi] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.cacheRead(null, "T"), "block `T2` writes it after the cache would be filled");
  }

  @Test void cacheWriteOfABlockSharingItsBuffer() {
    rejects(Programs.matmul(), s -> s.decomposeReduction(s.getBlock("C"), loop(s, "C", 0)),
        s -> s.cacheWrite(s.getBlock("C")), "cannot cache_write block `C`", "block `C_init` also writes `C`");
  }

  @Test void cacheWriteOfAPartialOrNonPlainStore() {
    rejects(edit("block T(vi: S[0:N] = i", "block T(vi: S[0:N - 1] = i"), NONE,
        s -> s.cacheWrite(s.getBlock("T")), "does not write dimension 0 at a spatial iteration variable covering it");
    rejects(edit("T[vi, vj] = A[vi, vj] * 2.0f32", "T[vj, vj] = A[vi, vj] * 2.0f32"), NONE,
        s -> s.cacheWrite(s.getBlock("T")), "does not write dimension 1");
  }

  @Test void cacheWriteWithAReaderInTheSameNest() {
    PrimFunc f = TirParser.parse("""
        func two(A: f32[4]) -> (B: f32[4], C: f32[4]) {
          block root {
            for i in 0 .. 4 {
              block B(vi: S[0:4] = i) { B[vi] = A[vi] }
              block C(vi: S[0:4] = i) { C[vi] = B[vi] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.cacheWrite(s.getBlock("B")), "block `C` in the same loop nest reads `B`");
  }

  // compute_at

  @Test void computeAtOfAnOutputOrAtAnEarlierLoop() {
    rejects(Programs.chain(), NONE, s -> s.computeAt(s.getBlock("Y"), loop(s, "Y", 0)), "cannot compute_at block `Y` at loop `i`",
        "`Y` is a parameter");
    rejects(Programs.chain(), NONE, s -> s.computeAt(s.getBlock("U"), loop(s, "T", 0)), "the loop does not come after the block");
  }

  @Test void computeAtWithAConsumerOutsideTheLoop() {
    rejects(Programs.softmax(), NONE, s -> s.computeAt(s.getBlock("m"), loop(s, "Y", 0)),
        "block `s` reads `m` but is not under the loop");
  }

  @Test void computeAtOfABlockSharingItsNest() {
    PrimFunc f = TirParser.parse("""
        func two(A: f32[4]) -> (C: f32[4]) {
          block root {
            alloc B: f32[4]
            alloc D: f32[4]
            for i in 0 .. 4 {
              block B(vi: S[0:4] = i) { B[vi] = A[vi] }
              block D(vi: S[0:4] = i) { D[vi] = A[vi] }
            }
            for i in 0 .. 4 {
              block C(vi: S[0:4] = i) { C[vi] = B[vi] + D[vi] }
            }
          }
        }
        """);
    rejects(f, NONE, s -> s.computeAt(s.getBlock("B"), loop(s, "C", 0)), "not a whole top-level loop nest");
  }

  @Test void computeAtUnderAnAnnotatedLoop() {
    rejects(Programs.chain(), s -> s.parallel(loop(s, "U", 0)), s -> s.computeAt(s.getBlock("T"), loop(s, "U", 0)),
        "the loop is parallel");
  }

  @Test void computeAtOfAPartialWriter() {
    rejects(edit("block T(vi: S[0:N] = i", "block T(vi: S[0:N - 1] = i"), NONE,
        s -> s.computeAt(s.getBlock("T"), loop(s, "U", 0)), "does not write dimension 0");
  }

  @Test void computeAtWithAnUnboundableIndex() {
    rejects(edit("U[vi, vj] = T[vj, vi] + 1.0f32", "U[vi, vj] = T[vj * vi % N, vi] + 1.0f32"), NONE,
        s -> s.computeAt(s.getBlock("T"), loop(s, "U", 0)), "cannot bound the index expression");
  }

  /** {@link Programs#chain()} with one piece of its text replaced. */
  private static PrimFunc edit(String from, String to) {
    assertTrue(Programs.CHAIN.contains(from), from);
    return TirParser.parse(Programs.CHAIN.replace(from, to));
  }
}

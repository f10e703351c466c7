package dev.kiln.ir.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Verifier;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Property: any sequence of primitives that the schedule accepts yields a program that computes
 * the same outputs as the unscheduled one under the reference interpreter, on random shapes
 * (mostly not divisible by the split factors); rejected primitives leave the state untouched; and
 * the result passes the verifier; and the recorded trace replays to a structurally equal program.
 * The primitives: split, fuse, reorder, parallel, vectorize, unroll, compute_inline,
 * reverse_compute_inline, decompose_reduction, bind, cache_read, cache_write, compute_at, reverse_compute_at,
 * rfactor and blockize, on random blocks,
 * loops and buffers.
 */
class RandomScheduleEquivalenceTest {
  @Test void randomSchedulesOfMatmulPreserveResults() {
    check(Programs::matmul, 3, 200, 11, "split", "fuse", "reorder", "parallel", "vectorize", "unroll", "decompose_reduction", "bind", "cache_read", "cache_write", "rfactor", "blockize");
  }

  @Test void randomSchedulesOfSoftmaxPreserveResults() {
    check(Programs::softmax, 2, 200, 12, "split", "fuse", "decompose_reduction", "bind", "cache_read", "cache_write", "compute_at", "reverse_compute_at", "rfactor", "blockize");
  }

  @Test void randomSchedulesOfAnElementwiseChainPreserveResults() {
    check(Programs::chain, 1, 200, 13, "compute_inline", "reverse_compute_inline", "split", "bind", "cache_read", "cache_write", "compute_at", "reverse_compute_at", "blockize");
  }

  private static void check(Supplier<PrimFunc> workload, int nSizes, int trials, long seed, String... mustApply) {
    Random rnd = new Random(seed);
    java.util.Set<String> seen = new java.util.HashSet<>();
    int applied = 0;
    for (int t = 0; t < trials; t++) {
      PrimFunc original = workload.get();
      Schedule s = new Schedule(original);
      for (int step = 0; step < 6; step++) applied += randomStep(s, rnd) ? 1 : 0;
      s.trace().steps().forEach(st -> seen.add(st.primitive()));
      String where = "trial " + t + "\n" + s.trace() + TirPrinter.print(s.func());
      assertEquals(List.of(), Verifier.problems(s.func()), where);
      assertNull(StructuralEqual.explain(s.trace().replay(original).func(), s.func()), where);
      for (int shape = 0; shape < 2; shape++) {
        int[] sizes = new int[nSizes];
        for (int k = 0; k < nSizes; k++) sizes[k] = 1 + rnd.nextInt(19);
        Object[] inputs = inputs(original, sizes, rnd);
        float[] want = (float[]) Interpreter.runAllocating(original, inputs, sizes)[0];
        float[] got = (float[]) Interpreter.runAllocating(s.func(), inputs, sizes)[0];
        for (int k = 0; k < want.length; k++)
          assertEquals(want[k], got[k], 1e-5f * Math.max(1f, Math.abs(want[k])),
              "element " + k + " at sizes " + java.util.Arrays.toString(sizes) + ", " + where);
      }
    }
    assertTrue(applied > trials, "too few primitives applied: " + applied);
    assertTrue(seen.containsAll(List.of(mustApply)), "applied only " + seen);
  }

  /** Applies one random primitive to a random block's loops; returns whether it was accepted. */
  private static boolean randomStep(Schedule s, Random rnd) {
    List<BlockRef> blocks = s.getBlocks();
    BlockRef b = blocks.get(rnd.nextInt(blocks.size()));
    List<LoopRef> loops = s.getLoops(b);
    if (loops.isEmpty()) return false;
    LoopRef l = loops.get(rnd.nextInt(loops.size()));
    List<LoopRef> otherLoops = s.getLoops(blocks.get(rnd.nextInt(blocks.size())));
    PrimFunc before = s.func();
    int traceLength = s.trace().steps().size();
    try {
      switch (rnd.nextInt(16)) {
        case 0 -> {
          int n = 2 + rnd.nextInt(2);
          int[] factors = new int[n];
          for (int k = 0; k < n; k++) factors[k] = 1 + rnd.nextInt(5);
          factors[rnd.nextInt(n)] = -1;
          s.split(l, factors);
        }
        case 1 -> {
          int i = rnd.nextInt(loops.size());
          int j = Math.min(loops.size(), i + 2 + rnd.nextInt(2));
          s.fuse(loops.subList(i, j).toArray(new LoopRef[0]));
        }
        case 2 -> {
          List<LoopRef> order = new ArrayList<>(loops);
          Collections.shuffle(order, rnd);
          s.reorder(order.subList(0, Math.min(order.size(), 2 + rnd.nextInt(3))).toArray(new LoopRef[0]));
        }
        case 3 -> s.parallel(l);
        case 4 -> s.vectorize(l);
        case 5 -> s.unroll(l);
        case 6 -> s.computeInline(b);
        case 7 -> s.reverseComputeInline(b);
        case 8 -> s.decomposeReduction(b, l);
        case 9 -> s.bind(l, rnd.nextBoolean() ? "blockIdx.x" : "threadIdx.x");
        case 10 -> {
          List<String> names = new ArrayList<>(List.of("A", "B", "X", "T", "U", "m", "s"));
          s.cacheRead(rnd.nextBoolean() ? b : null, names.get(rnd.nextInt(names.size())));
        }
        case 11 -> s.cacheWrite(b);
        case 12 -> {
          if (otherLoops.isEmpty()) return false;
          s.reverseComputeAt(b, otherLoops.get(rnd.nextInt(otherLoops.size())));
        }
        case 13 -> s.rfactor(l);
        case 14 -> s.blockize(l);
        default -> {
          if (otherLoops.isEmpty()) return false;
          s.computeAt(b, otherLoops.get(rnd.nextInt(otherLoops.size())));
        }
      }
      return true;
    } catch (ScheduleException e) {
      assertSame(before, s.func(), "a rejected primitive changed the program: " + e.getMessage());
      assertEquals(traceLength, s.trace().steps().size(), "a rejected primitive was recorded");
      return false;
    }
  }

  private static Object[] inputs(PrimFunc f, int[] sizes, Random rnd) {
    Object[] zero = Interpreter.allocateOutputs(new PrimFunc(f.name(), List.of(), f.inputs(), f.sizeVars(), f.body()), sizes);
    for (Object a : zero) {
      float[] x = (float[]) a;
      for (int k = 0; k < x.length; k++) x[k] = rnd.nextInt(9) - 4;
    }
    return zero;
  }
}

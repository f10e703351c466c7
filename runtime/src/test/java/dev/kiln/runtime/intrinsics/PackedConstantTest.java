package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.kiln.runtime.parallel.KilnPool;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A constant B operand packed once ({@link PackedB}) gives bit-identical results to packing on
 * every call: over several depth blocks and column panels (a small blocking), ragged edges,
 * strided and transposed B, accumulation, and a split along N on the pool.
 */
class PackedConstantTest {
  private static final GemmMicroKernel KERNEL = KernelSelector.select().gemm();

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = r.nextFloat() * 2 - 1;
    return x;
  }

  /** C from {@code b} marked constant vs the same values in an unmarked copy. */
  private static void same(Sgemm g, int m, int n, int k, boolean transposed, boolean accumulate, boolean pool) {
    float[] a = random(m * k, 1);
    float[] b = random(k * n + 7, 2);
    float[] plain = b.clone();
    ConstantOperands.markConstant(b);
    int brs = transposed ? 1 : n, bcs = transposed ? k : 1;
    float[] want = random(m * n, 3);
    float[] got = want.clone();
    float[] again = want.clone();
    if (pool) {
      g.gemmOnPool(m, n, k, a, 0, k, 1, plain, 7, brs, bcs, want, 0, n, accumulate);
      g.gemmOnPool(m, n, k, a, 0, k, 1, b, 7, brs, bcs, got, 0, n, accumulate);
      g.gemmOnPool(m, n, k, a, 0, k, 1, b, 7, brs, bcs, again, 0, n, accumulate);
    } else {
      g.gemm(m, n, k, a, 0, k, 1, plain, 7, brs, bcs, want, 0, n, accumulate);
      g.gemm(m, n, k, a, 0, k, 1, b, 7, brs, bcs, got, 0, n, accumulate);
      g.gemm(m, n, k, a, 0, k, 1, b, 7, brs, bcs, again, 0, n, accumulate);
    }
    String what = m + "x" + n + "x" + k + (transposed ? " B transposed" : "") + (accumulate ? " accumulate" : "");
    assertArrayEquals(want, got, what + ": first call (packs)");
    assertArrayEquals(want, again, what + ": second call (reads the packing)");
    assertNotNull(g.packedConstant(m, n, k, b, 7, brs, bcs), "the packing is kept");
  }

  @Test
  void packedOnceEqualsPackedEveryCall() {
    Sgemm small = new Sgemm(KERNEL, new GemmBlocking(KERNEL.mr() * 2, 16, KERNEL.nr() * 2));
    for (boolean t : new boolean[] {false, true}) {
      for (boolean acc : new boolean[] {false, true}) {
        same(small, 13, 3 * KERNEL.nr() + 5, 40, t, acc, false);
        same(small, 9, KERNEL.nr() - 1, 17, t, acc, false);
      }
    }
    same(new Sgemm(KERNEL), 70, 300, 300, false, false, false);
  }

  @Test
  void splitAlongNOnThePoolReadsItsColumnsOfThePacking() {
    int before = KilnPool.threads();
    KilnPool.setThreads(2);
    try {
      Sgemm g = new Sgemm(KERNEL, new GemmBlocking(KERNEL.mr() * 2, 32, KERNEL.nr() * 3));
      same(g, 64, 400, 100, false, false, true);
      same(g, 300, 64, 100, true, true, true);
    } finally {
      KilnPool.setThreads(before);
    }
  }

  @Test
  void unmarkedOperandsAreNotCached() {
    Sgemm g = new Sgemm(KERNEL);
    float[] b = random(64, 4);
    assertNull(g.packedConstant(8, 8, 8, b, 0, 8, 1));
    ConstantOperands.markConstant(b);
    PackedB p = g.packedConstant(8, 8, 8, b, 0, 8, 1);
    assertSame(p, g.packedConstant(8, 8, 8, b, 0, 8, 1));
  }
}

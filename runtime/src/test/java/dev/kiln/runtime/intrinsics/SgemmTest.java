package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sgemm driver over both kernel sets, default and tiny blockings (tiny ones force several
 * jc/pc/ic blocks and edge tiles inside blocks), against a double-precision triple loop.
 */
class SgemmTest {

  private static final int[] DIMS = {1, 17, 63, 100};

  static Stream<Arguments> drivers() {
    List<Arguments> out = new ArrayList<>();
    for (KernelSet set : KernelSets.both()) {
      GemmMicroKernel k = set.gemm();
      out.add(Arguments.of(set.description() + " default", new Sgemm(k)));
      out.add(Arguments.of(set.description() + " tiny", new Sgemm(k, new GemmBlocking(5, 7, 3))));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void matchesNaiveLoopForEdgeSizes(String name, Sgemm sgemm) {
    Random random = new Random(41);
    for (int m : DIMS) {
      for (int n : DIMS) {
        for (int k : DIMS) {
          check(name, sgemm, random, m, n, k, 0, 0, 0);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void honoursOffsetsAndStridesAndLeavesTheRestOfC(String name, Sgemm sgemm) {
    Random random = new Random(42);
    check(name, sgemm, random, 37, 45, 29, 3, 5, 7);
    check(name, sgemm, random, 9, 130, 300, 1, 0, 16);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void zeroDepthClearsC(String name, Sgemm sgemm) {
    float[] c = {1f, 2f, 3f, 4f, 5f, 6f, 9f};
    sgemm.multiply(2, 3, 0, new float[0], 0, 0, new float[0], 0, 3, c, 0, 3);
    assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 0f, 0f, 9f}, c, 0f);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void parallelIsBitIdenticalToSequential(String name, Sgemm sgemm) throws Exception {
    Random random = new Random(43);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      int[][] shapes = {{100, 63, 17}, {17, 100, 63}, {1, 200, 5}, {130, 1, 9}, {64, 64, 64}};
      for (int[] s : shapes) {
        int m = s[0];
        int n = s[1];
        int k = s[2];
        float[] a = KernelSets.floats(random, m * k);
        float[] b = KernelSets.floats(random, k * n);
        float[] expected = new float[m * n];
        sgemm.multiply(m, n, k, a, 0, k, b, 0, n, expected, 0, n);
        for (int parallelism : new int[] {1, 2, 3, 7}) {
          float[] c = KernelSets.floats(random, m * n);
          sgemm.multiplyParallel(m, n, k, a, 0, k, b, 0, n, c, 0, n, pool, parallelism);
          assertArrayEquals(expected, c, 0f, name + " " + m + "x" + n + "x" + k + " p=" + parallelism);
          float[] c2 = new float[m * n];
          sgemm.multiplyParallel(m, n, k, a, 0, k, b, 0, n, c2, 0, n, ForkJoinPool.commonPool(),
              parallelism);
          assertArrayEquals(expected, c2, 0f);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void staticEntryPointsUseTheSelectedKernel() {
    Random random = new Random(44);
    int m = 33;
    int n = 47;
    int k = 21;
    float[] a = KernelSets.floats(random, m * k);
    float[] b = KernelSets.floats(random, k * n);
    float[] c = new float[m * n];
    Intrinsics.sgemm(m, n, k, a, k, b, n, c, n);
    float[] c2 = new float[m * n];
    Intrinsics.sgemmParallel(m, n, k, a, k, b, n, c2, n, ForkJoinPool.commonPool(), 2);
    assertArrayEquals(c, c2, 0f);
    float[] ref = new float[m * n];
    new Sgemm(Intrinsics.kernels().gemm()).multiply(m, n, k, a, 0, k, b, 0, n, ref, 0, n);
    assertArrayEquals(ref, c, 0f);
  }

  @Test
  void rejectsBadArguments() {
    Sgemm sgemm = new Sgemm(ScalarKernels.create().gemm());
    float[] x = new float[12];
    assertThrows(IllegalArgumentException.class,
        () -> sgemm.multiply(-1, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2));
    assertThrows(IllegalArgumentException.class,
        () -> sgemm.multiply(2, 2, 3, x, 0, 2, x, 0, 2, x, 0, 2), "lda < K");
    assertThrows(IllegalArgumentException.class,
        () -> sgemm.multiply(4, 4, 4, x, 0, 4, x, 0, 4, x, 0, 4), "A too short");
    assertThrows(IllegalArgumentException.class,
        () -> sgemm.multiply(2, 2, 2, x, 9, 2, x, 0, 2, x, 0, 2), "offset past the end");
    assertThrows(IllegalArgumentException.class,
        () -> sgemm.multiplyParallel(2, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2, Runnable::run, 0));
    assertThrows(IllegalArgumentException.class, () -> new GemmBlocking(0, 1, 1));
  }

  @Test
  void defaultBlockingIsAlignedToTheTile() {
    for (KernelSet set : KernelSets.both()) {
      GemmMicroKernel k = set.gemm();
      GemmBlocking b = new Sgemm(k, new GemmBlocking(10, 256, 100)).blocking();
      assertEquals(0, b.mc() % k.mr());
      assertEquals(0, b.nc() % k.nr());
      assertEquals(256, b.kc());
    }
  }

  /** C block at (cOff) with ldc = n + cPad inside a larger array; surroundings must survive. */
  private static void check(String name, Sgemm sgemm, Random random, int m, int n, int k,
      int aPad, int bPad, int cPad) {
    int lda = k + aPad;
    int ldb = n + bPad;
    int ldc = n + cPad;
    int aOff = aPad;
    int bOff = bPad;
    int cOff = cPad + 1;
    float[] a = KernelSets.floats(random, aOff + m * lda);
    float[] b = KernelSets.floats(random, bOff + k * ldb);
    float[] c = KernelSets.floats(random, cOff + m * ldc + 3);
    float[] before = c.clone();
    sgemm.multiply(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    for (int idx = 0; idx < c.length; idx++) {
      int rel = idx - cOff;
      int i = Math.floorDiv(rel, ldc);
      int j = Math.floorMod(rel, ldc);
      if (rel < 0 || i >= m || j >= n) {
        assertEquals(before[idx], c[idx], 0f, name + ": outside C changed at " + idx);
        continue;
      }
      double exact = 0;
      double sumAbs = 0;
      for (int p = 0; p < k; p++) {
        double prod = (double) a[aOff + i * lda + p] * b[bOff + p * ldb + j];
        exact += prod;
        sumAbs += Math.abs(prod);
      }
      assertEquals(exact, c[idx], KernelSets.tolerance(k, sumAbs),
          name + " " + m + "x" + n + "x" + k + " at (" + i + "," + j + ")");
    }
  }
}

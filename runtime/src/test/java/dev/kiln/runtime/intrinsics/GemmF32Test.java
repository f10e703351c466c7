package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.parallel.KilnPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tensorized GEMM call {@code gemmF32} over both kernel sets, with default and tiny blockings
 * (tiny ones force several jc/pc/ic blocks), against a double-precision triple loop: ragged and
 * tile-edge sizes, row-major, transposed, strided and zero-stride operands, offsets into larger
 * arrays, acc = 0 and 1 over a randomly prefilled C whose other elements must survive, k = 0, and
 * the {@link KilnPool} parallel path.
 */
class GemmF32Test {

  /** How a rows×cols operand is laid out: row and column strides. */
  enum Layout {
    ROW, TRANSPOSED, STRIDED, ZERO;

    int rowStride(int rows, int cols) {
      return switch (this) {
        case ROW -> cols + 2;
        case TRANSPOSED -> 1;
        case STRIDED -> 2 * cols + 3;
        case ZERO -> 1;
      };
    }

    int colStride(int rows, int cols) {
      return switch (this) {
        case ROW -> 1;
        case TRANSPOSED -> rows + 1;
        case STRIDED -> 2;
        case ZERO -> 0;
      };
    }
  }

  private static final Layout[][] LAYOUTS = {
      {Layout.ROW, Layout.ROW}, {Layout.ROW, Layout.TRANSPOSED}, {Layout.TRANSPOSED, Layout.ROW},
      {Layout.TRANSPOSED, Layout.TRANSPOSED}, {Layout.STRIDED, Layout.STRIDED},
      {Layout.ZERO, Layout.ZERO},
  };

  private int threadsBefore;

  @BeforeEach
  void sequential() {
    threadsBefore = KilnPool.threads();
    KilnPool.setThreads(1);
  }

  @AfterEach
  void restore() {
    KilnPool.setThreads(threadsBefore);
  }

  static Stream<Arguments> calls() {
    List<Arguments> out = new ArrayList<>();
    for (KernelSet set : KernelSets.both()) {
      out.add(Arguments.of(set.description() + " default", new TensorCalls(set), set.gemm()));
      out.add(Arguments.of(set.description() + " tiny",
          new TensorCalls(set, new Sgemm(set.gemm(), new GemmBlocking(5, 7, 3))), set.gemm()));
    }
    return out.stream();
  }

  static Stream<Arguments> kernels() {
    return KernelSets.both().stream().map(set -> Arguments.of(set.description(), set.gemm()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void raggedAndEdgeSizesInEveryLayout(String name, TensorCalls calls, GemmMicroKernel kernel) {
    Random random = new Random(71);
    int mr = kernel.mr();
    int nr = kernel.nr();
    int[] ms = {1, 3, mr - 1, mr + 1, 17};
    int[] ns = {1, 3, nr - 1, nr, nr + 1, 17};
    int[] ks = {1, 3, 17};
    for (Layout[] l : LAYOUTS) {
      for (int m : ms) {
        for (int n : ns) {
          for (int k : ks) {
            for (int acc = 0; acc <= 1; acc++) {
              check(name, calls, random, m, n, k, l[0], l[1], acc);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void squareAndMultiBlockSizes(String name, TensorCalls calls, GemmMicroKernel kernel) {
    Random random = new Random(72);
    for (int acc = 0; acc <= 1; acc++) {
      check(name, calls, random, 33, 33, 33, Layout.ROW, Layout.ROW, acc);
      check(name, calls, random, 9, 2 * kernel.nr() + 3, 300, Layout.ROW, Layout.ROW, acc);
      check(name, calls, random, 9, 2 * kernel.nr() + 3, 300, Layout.TRANSPOSED,
          Layout.TRANSPOSED, acc);
      check(name, calls, random, 2, 4101, 3, Layout.ROW, Layout.ROW, acc);
      check(name, calls, random, 2, 4101, 3, Layout.STRIDED, Layout.TRANSPOSED, acc);
      check(name, calls, random, 100, 5, 7, Layout.TRANSPOSED, Layout.STRIDED, acc);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void zeroDepthZeroesOrKeepsC(String name, TensorCalls calls, GemmMicroKernel kernel) {
    Random random = new Random(73);
    for (int acc = 0; acc <= 1; acc++) {
      check(name, calls, random, 3, 5, 0, Layout.ROW, Layout.ROW, acc);
      check(name, calls, random, 17, 1, 0, Layout.TRANSPOSED, Layout.STRIDED, acc);
    }
    float[] c = {1f, 2f, 3f};
    calls.gemmF32(new float[0], new float[0], c, 0, 3, 5, 0, 5, 1, 0, 3, 1, 0, 3, 0);
    calls.gemmF32(new float[0], new float[0], c, 3, 0, 5, 0, 5, 1, 0, 3, 1, 0, 3, 0);
    assertArrayEquals(new float[] {1f, 2f, 3f}, c, 0f, "m or n = 0 writes nothing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void parallelPathSplitsOverThePoolAndMatchesSequential(String name, GemmMicroKernel kernel) {
    Random random = new Random(74);
    // 2·m·n·k ≥ PARALLEL_MIN_FLOPS in each shape; the first splits N, the second M.
    int[][] shapes = {{40, 300, 180}, {260, 50, 170}};
    for (int[] s : shapes) {
      assertTrue(2L * s[0] * s[1] * s[2] >= Sgemm.PARALLEL_MIN_FLOPS);
      for (Layout[] l : new Layout[][] {{Layout.ROW, Layout.ROW},
          {Layout.TRANSPOSED, Layout.STRIDED}}) {
        String what = name + " " + s[0] + "x" + s[1] + "x" + s[2] + " " + l[0] + "/" + l[1];
        Set<String> threads = ConcurrentHashMap.newKeySet();
        TensorCalls calls = recording(kernel, threads);
        Problem p = Problem.random(random, s[0], s[1], s[2], l[0], l[1]);
        KilnPool.setThreads(2);
        float[] parallel = p.run(calls, 1);
        p.verify(what, parallel, 1);
        assertTrue(threads.stream().anyMatch(t -> t.startsWith("kiln-worker-")),
            what + ": no tile ran on a pool worker: " + threads);
        assertTrue(threads.contains(Thread.currentThread().getName()),
            what + ": the caller ran no tile: " + threads);
        KilnPool.setThreads(1);
        threads.clear();
        float[] sequential = p.run(calls, 1);
        assertEquals(Set.of(Thread.currentThread().getName()), threads, what);
        assertArrayEquals(sequential, parallel, 0f, what + ": parallel differs from sequential");
      }
    }
  }

  @Test
  void smallCallsStayOnTheCallingThread() {
    KernelSet set = ScalarKernels.create();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    KilnPool.setThreads(2);
    Problem p = Problem.random(new Random(75), 32, 32, 32, Layout.ROW, Layout.ROW);
    p.verify("small", p.run(recording(set.gemm(), threads), 0), 0);
    assertEquals(Set.of(Thread.currentThread().getName()), threads);
  }

  @Test
  void nestedInAPoolLoopRunsInline() {
    KilnPool.setThreads(2);
    Random random = new Random(76);
    int m = 64;
    int n = 256;
    int k = 128;
    float[] a = KernelSets.floats(random, m * k);
    float[] b = KernelSets.floats(random, k * n);
    float[][] c = {new float[m * n], new float[m * n]};
    KilnPool.parallelFor(0, 2, (lo, hi) -> {
      for (int t = lo; t < hi; t++) {
        Intrinsics.gemmF32(a, b, c[t], m, n, k, 0, k, 1, 0, n, 1, 0, n, 0);
      }
    });
    float[] expected = new float[m * n];
    Intrinsics.sgemm(m, n, k, a, k, b, n, expected, n);
    assertArrayEquals(expected, c[0], 0f);
    assertArrayEquals(expected, c[1], 0f);
  }

  @Test
  void staticEntryPointMatchesTheNaiveLoop() {
    Random random = new Random(77);
    for (Layout[] l : LAYOUTS) {
      for (int acc = 0; acc <= 1; acc++) {
        check("Intrinsics", null, random, 19, 37, 23, l[0], l[1], acc);
      }
    }
  }

  /** A TensorCalls over {@code kernel} that records the name of every thread computing a tile. */
  private static TensorCalls recording(GemmMicroKernel kernel, Set<String> threads) {
    GemmMicroKernel rec = new GemmMicroKernel() {
      @Override
      public int mr() {
        return kernel.mr();
      }

      @Override
      public int nr() {
        return kernel.nr();
      }

      @Override
      public void compute(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
          int ldc, boolean accumulate) {
        threads.add(Thread.currentThread().getName());
        kernel.compute(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
      }
    };
    KernelSet set = ScalarKernels.create();
    return new TensorCalls(new KernelSet(rec, set.level1(), set.int8(), false, "recording"));
  }

  private static void check(String name, TensorCalls calls, Random random, int m, int n, int k,
      Layout la, Layout lb, int acc) {
    Problem p = Problem.random(random, m, n, k, la, lb);
    p.verify(name + " " + m + "x" + n + "x" + k + " " + la + "/" + lb + " acc=" + acc,
        p.run(calls, acc), acc);
  }

  /**
   * One call's operands: A (m×k) and B (k×n) at offsets 1 and 2 of arrays with slack after them,
   * C at an offset with row stride {@code n + 3}, all random.
   */
  private record Problem(int m, int n, int k, float[] a, int a0, int ars, int acs, float[] b,
      int b0, int brs, int bcs, float[] c, int c0, int crs) {

    static Problem random(Random random, int m, int n, int k, Layout la, Layout lb) {
      int ars = la.rowStride(m, k);
      int acs = la.colStride(m, k);
      int brs = lb.rowStride(k, n);
      int bcs = lb.colStride(k, n);
      int a0 = 1;
      int b0 = 2;
      int c0 = 5;
      int crs = n + 3;
      float[] a = KernelSets.floats(random, a0 + extent(m, k, ars, acs) + 3);
      float[] b = KernelSets.floats(random, b0 + extent(k, n, brs, bcs) + 3);
      float[] c = KernelSets.floats(random, c0 + m * crs + 4);
      return new Problem(m, n, k, a, a0, ars, acs, b, b0, brs, bcs, c, c0, crs);
    }

    private static int extent(int rows, int cols, int rs, int cs) {
      return rows == 0 || cols == 0 ? 0 : (rows - 1) * rs + (cols - 1) * cs + 1;
    }

    /** A copy of C after the call, through {@code calls} or, when null, {@link Intrinsics}. */
    float[] run(TensorCalls calls, int acc) {
      float[] out = c.clone();
      if (calls == null) {
        Intrinsics.gemmF32(a, b, out, m, n, k, a0, ars, acs, b0, brs, bcs, c0, crs, acc);
      } else {
        calls.gemmF32(a, b, out, m, n, k, a0, ars, acs, b0, brs, bcs, c0, crs, acc);
      }
      return out;
    }

    /** Every element of {@code out} against the naive loop in double; the rest of C unchanged. */
    void verify(String what, float[] out, int acc) {
      boolean[] written = new boolean[c.length];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          int idx = c0 + i * crs + j;
          written[idx] = true;
          double exact = acc != 0 || k == 0 ? c[idx] : 0; // k = 0: the reduction never starts
          double sumAbs = Math.abs(exact);
          for (int p = 0; p < k; p++) {
            double prod = (double) a[a0 + i * ars + p * acs] * b[b0 + p * brs + j * bcs];
            exact += prod;
            sumAbs += Math.abs(prod);
          }
          assertEquals(exact, out[idx], KernelSets.tolerance(k + 1, sumAbs),
              what + " at (" + i + "," + j + ")");
        }
      }
      for (int idx = 0; idx < c.length; idx++) {
        if (!written[idx]) {
          assertEquals(c[idx], out[idx], 0f, what + ": element " + idx + " outside C changed");
        }
      }
    }
  }
}

package dev.kiln.runtime.intrinsics.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.intrinsics.GemmBlocking;
import dev.kiln.runtime.intrinsics.GemmMicroKernel;
import dev.kiln.runtime.intrinsics.Sgemm;
import java.util.Random;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both Vector API tiles, whatever this machine's species would select (the 8×2L tile is the
 * AVX-512 choice; on narrower machines it still computes correctly, only slower), driven through
 * {@link Sgemm} against a double-precision triple loop.
 */
class SimdGemmTilesTest {

  static Stream<GemmMicroKernel> kernels() {
    return Stream.of(new SimdGemm4x2(), new SimdGemm8x2());
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void tileIsTwoVectorsWide(GemmMicroKernel k) {
    assertEquals(2 * FloatVector.SPECIES_PREFERRED.length(), k.nr());
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void sgemmMatchesNaiveLoop(GemmMicroKernel k) {
    Random random = new Random(61);
    for (Sgemm sgemm : new Sgemm[] {new Sgemm(k), new Sgemm(k, new GemmBlocking(9, 13, 5))}) {
      for (int[] s : new int[][] {{1, 1, 1}, {17, 63, 100}, {100, 17, 63}, {63, 100, 17},
          {k.mr(), k.nr(), 300}}) {
        int m = s[0];
        int n = s[1];
        int kk = s[2];
        float[] a = floats(random, m * kk);
        float[] b = floats(random, kk * n);
        float[] c = floats(random, m * n);
        sgemm.multiply(m, n, kk, a, 0, kk, b, 0, n, c, 0, n);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double exact = 0;
            double sumAbs = 0;
            for (int p = 0; p < kk; p++) {
              double prod = (double) a[i * kk + p] * b[p * n + j];
              exact += prod;
              sumAbs += Math.abs(prod);
            }
            double tol = 2.0 * (kk + 2) * 0x1p-24 * sumAbs + 1e-30;
            assertEquals(exact, c[i * n + j], tol, m + "x" + n + "x" + kk + " (" + i + "," + j + ")");
          }
        }
      }
    }
  }

  private static float[] floats(Random random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextFloat() * 2f - 1f;
    }
    return x;
  }
}

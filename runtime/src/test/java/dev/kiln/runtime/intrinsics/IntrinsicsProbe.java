package dev.kiln.runtime.intrinsics;

import java.util.Random;

/**
 * Main class run in a child JVM by {@link ScalarFallbackTest}: uses every entry point of
 * {@link Intrinsics}, checks the results against plain loops, selects the kernels a second time
 * (which must not warn again), and prints {@code simd=<bool> ok=<bool>} on stdout.
 */
public final class IntrinsicsProbe {

  private IntrinsicsProbe() {}

  public static void main(String[] args) {
    Random random = new Random(51);
    int m = 19;
    int n = 23;
    int k = 17;
    float[] a = KernelSets.floats(random, m * k);
    float[] b = KernelSets.floats(random, k * n);
    float[] c = new float[m * n];
    Intrinsics.sgemm(m, n, k, a, k, b, n, c, n);
    boolean ok = true;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double exact = 0;
        double sumAbs = 0;
        for (int p = 0; p < k; p++) {
          exact += (double) a[i * k + p] * b[p * n + j];
          sumAbs += Math.abs((double) a[i * k + p] * b[p * n + j]);
        }
        ok &= Math.abs(exact - c[i * n + j]) <= KernelSets.tolerance(k, sumAbs);
      }
    }
    byte[] x = {1, -2, 3, 127, -128, 5, 6, 7, 8, 9};
    ok &= Intrinsics.dotI8(x, 0, x, 0, x.length) == 1 + 4 + 9 + 16129 + 16384 + 25 + 36 + 49 + 64 + 81;
    float[] y = {1f, 2f, 3f};
    Intrinsics.axpy(3, 2f, new float[] {1f, 1f, 1f}, 0, y, 0);
    ok &= y[0] == 3f && y[1] == 4f && y[2] == 5f;
    ok &= Intrinsics.dot(y, 0, y, 0, 3) == 50f;
    KernelSelector.select();
    System.out.println("simd=" + Intrinsics.simdEnabled() + " ok=" + ok);
  }
}

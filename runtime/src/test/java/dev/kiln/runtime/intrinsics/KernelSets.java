package dev.kiln.runtime.intrinsics;

import java.util.List;
import java.util.Random;

/** Test helpers: both kernel sets, and reproducible random data. */
final class KernelSets {

  private KernelSets() {}

  /** The scalar set and the Vector API set (surefire runs with jdk.incubator.vector). */
  static List<KernelSet> both() {
    KernelSet simd = KernelSelector.loadSimd();
    if (!simd.simd()) {
      throw new AssertionError("the SIMD kernel set did not load; is jdk.incubator.vector enabled?");
    }
    return List.of(ScalarKernels.create(), simd);
  }

  static float[] floats(Random random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextFloat() * 2f - 1f;
    }
    return x;
  }

  static byte[] bytes(Random random, int n) {
    byte[] x = new byte[n];
    random.nextBytes(x);
    return x;
  }

  /**
   * Bound on the error of a float sum of products whose exact value is near {@code sumAbs}
   * (the sum of |products|), for {@code terms} terms in any order, with or without fused
   * multiply-add: {@code (terms + 2)·u·sumAbs} with u = 2^-24, doubled for margin, plus a tiny
   * absolute floor.
   */
  static double tolerance(int terms, double sumAbs) {
    return 2.0 * (terms + 2) * 0x1p-24 * sumAbs + 1e-30;
  }
}

package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The micro-kernel of both sets on packed random operands, against a double-precision loop. */
class GemmMicroKernelTest {

  static Stream<KernelSet> sets() {
    return KernelSets.both().stream();
  }

  @ParameterizedTest
  @MethodSource("sets")
  void tileShapeSuitsTheSet(KernelSet set) {
    GemmMicroKernel k = set.gemm();
    assertTrue(k.mr() >= 1 && k.nr() >= 1);
    if (set.simd()) {
      assertEquals(0, k.nr() % 4, "NR is a whole number of vectors");
    }
  }

  @ParameterizedTest
  @MethodSource("sets")
  void accumulatesAndOverwritesExactlyTheTile(KernelSet set) {
    GemmMicroKernel k = set.gemm();
    int mr = k.mr();
    int nr = k.nr();
    Random random = new Random(21);
    for (int kc : new int[] {0, 1, 2, 17, 63, 100, 256}) {
      for (boolean accumulate : new boolean[] {false, true}) {
        int aOff = 3;
        int bOff = 5;
        int ldc = nr + 7;
        int cOff = 2 * ldc + 1;
        float[] a = KernelSets.floats(random, aOff + kc * mr + 2);
        float[] b = KernelSets.floats(random, bOff + kc * nr + 1);
        float[] c = KernelSets.floats(random, cOff + (mr + 1) * ldc);
        float[] before = c.clone();
        k.compute(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        for (int idx = 0; idx < c.length; idx++) {
          int rel = idx - cOff;
          int i = Math.floorDiv(rel, ldc);
          int j = Math.floorMod(rel, ldc);
          if (rel < 0 || i >= mr || j >= nr) {
            assertEquals(before[idx], c[idx], 0f, "outside the tile changed at " + idx);
            continue;
          }
          double exact = accumulate ? before[idx] : 0;
          double sumAbs = Math.abs(exact);
          for (int p = 0; p < kc; p++) {
            double prod = (double) a[aOff + p * mr + i] * b[bOff + p * nr + j];
            exact += prod;
            sumAbs += Math.abs(prod);
          }
          assertEquals(exact, c[idx], KernelSets.tolerance(kc + 1, sumAbs),
              set.description() + " kc=" + kc + " acc=" + accumulate + " (" + i + "," + j + ")");
        }
      }
    }
  }
}

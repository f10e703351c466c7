package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** dot, axpy and dotI8 of both kernel sets against plain loops, sizes 0..70 and a few large. */
class Level1KernelsTest {

  static Stream<KernelSet> sets() {
    return KernelSets.both().stream();
  }

  private static int[] sizes() {
    return IntStream.concat(IntStream.rangeClosed(0, 70), IntStream.of(100, 127, 1000, 1023, 4099))
        .toArray();
  }

  @ParameterizedTest
  @MethodSource("sets")
  void dotMatchesReference(KernelSet set) {
    Random random = new Random(11);
    for (int n : sizes()) {
      int aOff = random.nextInt(5);
      int bOff = random.nextInt(5);
      float[] a = KernelSets.floats(random, aOff + n + 3);
      float[] b = KernelSets.floats(random, bOff + n + 2);
      double exact = 0;
      double sumAbs = 0;
      for (int i = 0; i < n; i++) {
        double p = (double) a[aOff + i] * b[bOff + i];
        exact += p;
        sumAbs += Math.abs(p);
      }
      float got = set.level1().dot(a, aOff, b, bOff, n);
      assertEquals(exact, got, KernelSets.tolerance(n, sumAbs), set.description() + " n=" + n);
    }
  }

  @ParameterizedTest
  @MethodSource("sets")
  void axpyMatchesReferenceAndTouchesOnlyItsRange(KernelSet set) {
    Random random = new Random(12);
    for (int n : sizes()) {
      int xOff = random.nextInt(5);
      int yOff = random.nextInt(5);
      float alpha = random.nextFloat() * 4f - 2f;
      float[] x = KernelSets.floats(random, xOff + n + 1);
      float[] y = KernelSets.floats(random, yOff + n + 4);
      float[] expected = y.clone();
      for (int i = 0; i < n; i++) {
        expected[yOff + i] += alpha * x[xOff + i];
      }
      float[] got = y.clone();
      set.level1().axpy(n, alpha, x, xOff, got, yOff);
      for (int i = 0; i < y.length; i++) {
        boolean inside = i >= yOff && i < yOff + n;
        if (!inside) {
          assertEquals(y[i], got[i], 0f, "element outside the range changed at " + i);
        } else {
          double bound = KernelSets.tolerance(1, Math.abs(y[i]) + Math.abs(alpha * x[xOff + i - yOff]));
          assertEquals(expected[i], got[i], bound, set.description() + " n=" + n + " i=" + i);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sets")
  void axpy4AddsFourRowsAndTouchesOnlyItsRange(KernelSet set) {
    Random random = new Random(14);
    for (int n : sizes()) {
      int ldx = n + random.nextInt(3);
      int xOff = random.nextInt(5);
      int yOff = random.nextInt(5);
      float[] a = KernelSets.floats(random, 4);
      float[] x = KernelSets.floats(random, xOff + 3 * ldx + n + 1);
      float[] y = KernelSets.floats(random, yOff + n + 4);
      float[] got = y.clone();
      set.level1().axpy4(n, a[0], a[1], a[2], a[3], x, xOff, ldx, got, yOff);
      for (int i = 0; i < y.length; i++) {
        if (i < yOff || i >= yOff + n) {
          assertEquals(y[i], got[i], 0f, "element outside the range changed at " + i);
          continue;
        }
        double exact = y[i];
        double sumAbs = Math.abs(y[i]);
        for (int r = 0; r < 4; r++) {
          double t = (double) a[r] * x[xOff + r * ldx + i - yOff];
          exact += t;
          sumAbs += Math.abs(t);
        }
        assertEquals(exact, got[i], KernelSets.tolerance(5, sumAbs), set.description() + " n=" + n + " i=" + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sets")
  void dotI8IsExact(KernelSet set) {
    Random random = new Random(13);
    for (int n : sizes()) {
      int aOff = random.nextInt(9);
      int bOff = random.nextInt(9);
      byte[] a = KernelSets.bytes(random, aOff + n + 5);
      byte[] b = KernelSets.bytes(random, bOff + n);
      int expected = 0;
      for (int i = 0; i < n; i++) {
        expected += a[aOff + i] * b[bOff + i];
      }
      assertEquals(expected, set.int8().dotI8(a, aOff, b, bOff, n),
          set.description() + " n=" + n);
    }
  }

  @ParameterizedTest
  @MethodSource("sets")
  void dotI8AtTheExtremes(KernelSet set) {
    int n = 1001;
    byte[] a = new byte[n];
    byte[] b = new byte[n];
    java.util.Arrays.fill(a, Byte.MIN_VALUE);
    java.util.Arrays.fill(b, Byte.MIN_VALUE);
    assertEquals(n * 16384, set.int8().dotI8(a, 0, b, 0, n));
    java.util.Arrays.fill(b, Byte.MAX_VALUE);
    assertEquals(n * -16256, set.int8().dotI8(a, 0, b, 0, n));
  }

  @ParameterizedTest
  @MethodSource("sets")
  void simdAndScalarDotAgreeOnLargeInputs(KernelSet set) {
    Random random = new Random(14);
    float[] a = KernelSets.floats(random, 1 << 14);
    float[] ones = new float[1 << 14];
    java.util.Arrays.fill(ones, 1f);
    float[] ys = a.clone();
    set.level1().axpy(a.length, 0f, ones, 0, ys, 0);
    assertArrayEquals(a, ys, 0f, "axpy with alpha 0 must leave y unchanged");
    float sum = set.level1().dot(a, 0, ones, 0, a.length);
    double exact = 0;
    double sumAbs = 0;
    for (float v : a) {
      exact += v;
      sumAbs += Math.abs(v);
    }
    assertTrue(Math.abs(sum - exact) <= KernelSets.tolerance(a.length, sumAbs));
  }
}

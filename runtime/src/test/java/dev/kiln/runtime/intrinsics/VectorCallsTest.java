package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tensorized vector calls {@code dotF32}, {@code fmaF32} and {@code dotI8I32} over both kernel
 * sets and through {@link Intrinsics}, against naive loops: lengths 0, 1, 3, 17 and past the
 * vector blocks, unit, non-unit and zero strides, offsets into larger arrays whose other elements
 * must survive, acc = 0 and 1 over random old values; floats within a rounding bound, i8 exactly
 * (including a sum that wraps around).
 */
class VectorCallsTest {

  private static final int[] LENGTHS = {0, 1, 3, 17, 100, 1031};
  private static final int[][] STRIDES = {{1, 1}, {2, 1}, {1, 3}, {0, 1}, {1, 0}, {5, 2}};

  static Stream<Arguments> calls() {
    return KernelSets.both().stream()
        .map(set -> Arguments.of(set.description(), new TensorCalls(set)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void dotF32MatchesTheNaiveLoop(String name, TensorCalls calls) {
    checkDotF32(name, calls, new Random(81));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void fmaF32MatchesTheNaiveLoop(String name, TensorCalls calls) {
    checkFmaF32(name, calls, new Random(82));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void dotI8I32IsExact(String name, TensorCalls calls) {
    checkDotI8(name, calls, new Random(83));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void dotI8I32WrapsLikeJavaInt(String name, TensorCalls calls) {
    int k = 140_000; // 140000 · 16384 > 2^31
    byte[] a = new byte[k];
    java.util.Arrays.fill(a, (byte) -128);
    int[] c = {7, 0};
    for (int[] s : new int[][] {{1, 1}, {1, 0}}) {
      c[0] = 7;
      calls.dotI8I32(a, a, c, k, 0, s[0], 0, s[1], 0, 1);
      assertEquals(7 + k * 16384, c[0], name + " strides " + s[0] + "," + s[1]);
    }
  }

  @Test
  void staticEntryPointsMatchTheNaiveLoops() {
    checkDotF32("Intrinsics", null, new Random(84));
    checkFmaF32("Intrinsics", null, new Random(85));
    checkDotI8("Intrinsics", null, new Random(86));
  }

  private static void checkDotF32(String name, TensorCalls calls, Random random) {
    for (int k : LENGTHS) {
      for (int[] s : STRIDES) {
        for (int acc = 0; acc <= 1; acc++) {
          int a0 = 3;
          int b0 = 1;
          int c0 = 2;
          float[] a = KernelSets.floats(random, a0 + span(k, s[0]) + 2);
          float[] b = KernelSets.floats(random, b0 + span(k, s[1]) + 2);
          float[] c = KernelSets.floats(random, 5);
          float[] out = c.clone();
          if (calls == null) {
            Intrinsics.dotF32(a, b, out, k, a0, s[0], b0, s[1], c0, acc);
          } else {
            calls.dotF32(a, b, out, k, a0, s[0], b0, s[1], c0, acc);
          }
          double exact = acc != 0 || k == 0 ? c[c0] : 0; // k = 0: the reduction never starts
          double sumAbs = Math.abs(exact);
          for (int p = 0; p < k; p++) {
            double prod = (double) a[a0 + p * s[0]] * b[b0 + p * s[1]];
            exact += prod;
            sumAbs += Math.abs(prod);
          }
          String what = name + " k=" + k + " strides " + s[0] + "," + s[1] + " acc=" + acc;
          assertEquals(exact, out[c0], KernelSets.tolerance(k + 1, sumAbs), what);
          assertUnchangedExcept(c, out, c0, what);
        }
      }
    }
  }

  private static void checkFmaF32(String name, TensorCalls calls, Random random) {
    for (int n : LENGTHS) {
      for (int xs : new int[] {1, 2, 0, 3}) {
        int a0 = 4;
        int x0 = 1;
        int y0 = 3;
        float[] a = KernelSets.floats(random, 6);
        float[] x = KernelSets.floats(random, x0 + span(n, xs) + 2);
        float[] y = KernelSets.floats(random, y0 + n + 2);
        float[] out = y.clone();
        if (calls == null) {
          Intrinsics.fmaF32(a, x, out, n, a0, x0, xs, y0);
        } else {
          calls.fmaF32(a, x, out, n, a0, x0, xs, y0);
        }
        String what = name + " n=" + n + " xs=" + xs;
        for (int idx = 0; idx < y.length; idx++) {
          int i = idx - y0;
          if (i < 0 || i >= n) {
            assertEquals(y[idx], out[idx], 0f, what + ": element " + idx + " outside Y changed");
            continue;
          }
          double prod = (double) a[a0] * x[x0 + i * xs];
          assertEquals(y[idx] + prod, out[idx],
              KernelSets.tolerance(2, Math.abs(y[idx]) + Math.abs(prod)), what + " at " + i);
        }
      }
    }
  }

  private static void checkDotI8(String name, TensorCalls calls, Random random) {
    for (int k : LENGTHS) {
      for (int[] s : STRIDES) {
        for (int acc = 0; acc <= 1; acc++) {
          int a0 = 2;
          int b0 = 5;
          int c0 = 1;
          byte[] a = KernelSets.bytes(random, a0 + span(k, s[0]) + 3);
          byte[] b = KernelSets.bytes(random, b0 + span(k, s[1]) + 3);
          int[] c = random.ints(4).toArray();
          int[] out = c.clone();
          if (calls == null) {
            Intrinsics.dotI8I32(a, b, out, k, a0, s[0], b0, s[1], c0, acc);
          } else {
            calls.dotI8I32(a, b, out, k, a0, s[0], b0, s[1], c0, acc);
          }
          int expected = acc != 0 || k == 0 ? c[c0] : 0;
          for (int p = 0; p < k; p++) {
            expected += (int) a[a0 + p * s[0]] * (int) b[b0 + p * s[1]];
          }
          String what = name + " k=" + k + " strides " + s[0] + "," + s[1] + " acc=" + acc;
          assertEquals(expected, out[c0], what);
          for (int idx = 0; idx < c.length; idx++) {
            if (idx != c0) {
              assertEquals(c[idx], out[idx], what + ": element " + idx + " changed");
            }
          }
        }
      }
    }
  }

  /** Elements an operand of {@code k} elements at stride {@code s} spans. */
  private static int span(int k, int s) {
    return k == 0 ? 0 : (k - 1) * s + 1;
  }

  private static void assertUnchangedExcept(float[] before, float[] after, int written,
      String what) {
    for (int idx = 0; idx < before.length; idx++) {
      if (idx != written) {
        assertEquals(before[idx], after[idx], 0f, what + ": element " + idx + " changed");
      }
    }
  }
}

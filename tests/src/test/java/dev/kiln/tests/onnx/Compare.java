package dev.kiln.tests.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kiln's outputs against ONNX Runtime's. Outputs are matched by position (Kiln may sanitize ONNX
 * names; the importer keeps the ONNX output order). Each pair must have the same element type and
 * shape; integer and bool elements must be equal; a float element {@code a} agrees with the
 * reference {@code r} when {@code |a - r| <= atol + rtol * |r|} (1e-3 + 1e-3·|r| by default) and
 * NaN only matches NaN. On failure the message names the output, the worst element (flat index,
 * multi-index, both values, its difference and bound), how many elements are out of tolerance,
 * and the largest absolute difference.
 */
final class Compare {
  static final double ATOL = 1e-3;
  static final double RTOL = 1e-3;

  private Compare() {}

  /** Every output of {@code actual} agrees with the one at the same position in {@code reference}. */
  static void outputs(Map<String, Tensor> reference, Map<String, Tensor> actual, String what) {
    List<Tensor> ref = new ArrayList<>(reference.values());
    List<Tensor> got = new ArrayList<>(actual.values());
    assertEquals(ref.size(), got.size(), what + ": number of outputs (reference " + reference.keySet()
        + ", Kiln " + actual.keySet() + ")");
    List<String> names = new ArrayList<>(reference.keySet());
    for (int i = 0; i < ref.size(); i++) {
      tensors(ref.get(i), got.get(i), ATOL, RTOL, what + ", output " + names.get(i));
    }
  }

  /** {@code actual} agrees with {@code reference} within {@code atol + rtol·|reference|}. */
  static void tensors(Tensor reference, Tensor actual, double atol, double rtol, String what) {
    assertEquals(reference.dtype(), actual.dtype(), what + ": element type");
    assertArrayEquals(reference.shape(), actual.shape(), what + ": shape " + Arrays.toString(actual.shape())
        + ", reference " + Arrays.toString(reference.shape()));
    boolean exact = !reference.dtype().isFloat();
    int worst = -1;
    double worstExcess = 0;
    double maxAbs = 0;
    int bad = 0;
    for (int i = 0; i < reference.size(); i++) {
      double r = reference.getDouble(i);
      double a = actual.getDouble(i);
      double diff = Math.abs(a - r);
      boolean ok;
      if (Double.isNaN(r) || Double.isNaN(a)) {
        ok = Double.isNaN(r) && Double.isNaN(a);
        diff = ok ? 0 : Double.POSITIVE_INFINITY;
      } else if (exact) {
        ok = reference.getLong(i) == actual.getLong(i);
        diff = ok ? 0 : diff;
      } else if (Double.isInfinite(r)) {
        ok = a == r;
        diff = ok ? 0 : diff;
      } else {
        ok = diff <= atol + rtol * Math.abs(r);
      }
      maxAbs = Math.max(maxAbs, diff);
      double excess = diff - (exact ? 0 : atol + rtol * Math.abs(r));
      if (!ok) {
        bad++;
        if (worst < 0 || excess > worstExcess) {
          worst = i;
          worstExcess = excess;
        }
      }
    }
    if (bad > 0) {
      double r = reference.getDouble(worst);
      double a = actual.getDouble(worst);
      fail(String.format(Locale.ROOT,
          "%s: %d of %d elements out of tolerance (|kiln - ref| <= %g + %g·|ref|); worst at %d %s: kiln %s, "
              + "reference %s, |diff| %.4g > bound %.4g; largest |diff| %.4g",
          what, bad, reference.size(), exact ? 0.0 : atol, exact ? 0.0 : rtol, worst,
          Arrays.toString(multiIndex(worst, reference.shape())), a, r, Math.abs(a - r),
          exact ? 0.0 : atol + rtol * Math.abs(r), maxAbs));
    }
  }

  /** The largest absolute difference between two float tensors of the same size (for reports). */
  static double maxAbsDiff(Tensor reference, Tensor actual) {
    double m = 0;
    for (int i = 0; i < reference.size(); i++) {
      m = Math.max(m, Math.abs(reference.getDouble(i) - actual.getDouble(i)));
    }
    return m;
  }

  private static int[] multiIndex(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int a = shape.length - 1; a >= 0; a--) {
      idx[a] = flat % shape[a];
      flat /= shape[a];
    }
    return idx;
  }
}

package dev.kiln.bench.support;

import java.util.Locale;

/**
 * The output check that every benchmark runs before it measures anything: two float outputs agree
 * when they have the same length, hold no NaN or infinity, and their largest elementwise difference
 * is at most {@code tolerance} times the largest magnitude of the reference (a normalized max-norm
 * error). Float results computed in different accumulation orders differ by far less than 1e-3 of
 * that scale; a wrong index or a missing term differs by far more. A disagreement throws, so JMH
 * reports the benchmark as failed instead of timing a wrong program.
 */
public final class Agreement {
  /** The default bound on the normalized max-norm error. */
  public static final double TOLERANCE = 1e-3;

  private Agreement() {}

  /** Throws {@link IllegalStateException} naming {@code what} when {@code got} and {@code ref} disagree. */
  public static void check(String what, float[] got, float[] ref) {
    check(what, got, ref, TOLERANCE);
  }

  /** As {@link #check(String, float[], float[])} with an explicit tolerance. */
  public static void check(String what, float[] got, float[] ref, double tolerance) {
    if (got.length != ref.length) {
      throw new IllegalStateException(what + ": output has " + got.length + " elements, reference has "
          + ref.length);
    }
    double scale = 0;
    for (float r : ref) {
      if (!Float.isFinite(r)) {
        throw new IllegalStateException(what + ": the reference output holds " + r);
      }
      scale = Math.max(scale, Math.abs(r));
    }
    double worst = 0;
    int worstAt = -1;
    for (int i = 0; i < got.length; i++) {
      if (!Float.isFinite(got[i])) {
        throw new IllegalStateException(what + ": output[" + i + "] = " + got[i]);
      }
      double d = Math.abs((double) got[i] - ref[i]);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    double error = scale == 0 ? worst : worst / scale;
    if (error > tolerance) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s: outputs disagree: output[%d] = %g, reference %g (normalized error %.3g > %.1g)",
          what, worstAt, got[worstAt], ref[worstAt], error, tolerance));
    }
  }
}

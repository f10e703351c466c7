package dev.kiln.runtime.intrinsics.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * f32 math functions on whole vectors, called by generated vectorized loops when relaxed float is
 * on (the JVM backend's {@code VectorMath}). They work for any species: constants are broadcast to
 * the argument's shape. Accuracy, against the exact function: sigmoid and rsqrt within a few ulps
 * (each step rounds in f32; exp within 1 ulp by the Vector API's contract); erf within about 2e-7
 * absolute.
 */
public final class VectorMath {
  private VectorMath() {}

  /** {@code 1 / (1 + exp(-x))}. */
  public static FloatVector sigmoid(FloatVector x) {
    FloatVector e = x.neg().lanewise(VectorOperators.EXP).add(1f);
    return x.broadcast(1f).div(e);
  }

  /** {@code 1 / sqrt(x)}. */
  public static FloatVector rsqrt(FloatVector x) {
    return x.broadcast(1f).div(x.sqrt());
  }

  /**
   * {@code erf(x) = sign(x)·(1 - erfc(|x|))}, with the Chebyshev fit
   * {@code erfc(z) = t·exp(-z² + P(t))}, {@code t = 1/(1 + z/2)} (Numerical Recipes' erfcc,
   * relative error below 1.2e-7 for every z ≥ 0).
   */
  public static FloatVector erf(FloatVector x) {
    FloatVector z = x.abs();
    FloatVector t = x.broadcast(1f).div(z.mul(0.5f).add(1f));
    FloatVector p = t.mul(0.17087277f).add(-0.82215223f);
    p = p.fma(t, x.broadcast(1.48851587f));
    p = p.fma(t, x.broadcast(-1.13520398f));
    p = p.fma(t, x.broadcast(0.27886807f));
    p = p.fma(t, x.broadcast(-0.18628806f));
    p = p.fma(t, x.broadcast(0.09678418f));
    p = p.fma(t, x.broadcast(0.37409196f));
    p = p.fma(t, x.broadcast(1.00002368f));
    p = p.fma(t, x.broadcast(-1.26551223f));
    FloatVector erfc = t.mul(z.mul(z).neg().add(p).lanewise(VectorOperators.EXP));
    FloatVector r = x.broadcast(1f).sub(erfc);
    return r.blend(r.neg(), x.compare(VectorOperators.LT, 0f));
  }
}

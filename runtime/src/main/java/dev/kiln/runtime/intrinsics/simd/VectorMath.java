package dev.kiln.runtime.intrinsics.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * f32 math functions on whole vectors, called by generated vectorized loops when relaxed float is
 * on (the JVM backend's {@code VectorMath}). They work for any species: constants are broadcast to
 * the argument's shape. Only IEEE operations (add, mul, fma, div, sqrt, compare, blend, bit
 * moves) are used, never the Vector API's transcendental operators, so the bits never depend on
 * whether the JIT has compiled the caller. Accuracy against the exact function: exp, tanh, sigmoid
 * and rsqrt within a few ulps; erf within about 2e-7 absolute.
 */
public final class VectorMath {
  private VectorMath() {}

  private static final float LOG2E = 1.44269504f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5·2^23: adding and subtracting it rounds a float below 2^22 to the nearest integer. */
  private static final float ROUNDER = 12582912f;

  /**
   * {@code e^x} from IEEE arithmetic only (no {@code lanewise(EXP)}, whose intrinsic and fallback
   * differ in the last bit, so results would depend on the JIT tier): {@code x = n·ln2 + r} with
   * n rounded to nearest and |r| ≤ ln2/2, a degree-7 Taylor polynomial for {@code e^r} (error
   * below 3e-9 relative) and the exponent {@code 2^n} built in the float's bits. Inputs above 88
   * give +∞, below -87 give 0, NaN gives NaN.
   */
  public static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(-87f).min(88f);
    FloatVector n = xc.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
    FloatVector r = n.neg().fma(x.broadcast(LN2_HI), xc);
    r = n.neg().fma(x.broadcast(LN2_LO), r);
    FloatVector p = r.mul(1f / 5040f).add(1f / 720f);
    p = p.fma(r, x.broadcast(1f / 120f));
    p = p.fma(r, x.broadcast(1f / 24f));
    p = p.fma(r, x.broadcast(1f / 6f));
    p = p.fma(r, x.broadcast(0.5f));
    p = p.fma(r, x.broadcast(1f));
    p = p.fma(r, x.broadcast(1f));
    IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
    FloatVector result = p.mul(bits.reinterpretAsFloats());
    result = result.blend(x.broadcast(Float.POSITIVE_INFINITY), x.compare(VectorOperators.GT, 88f));
    return result.blend(x.broadcast(0f), x.compare(VectorOperators.LT, -87f));
  }

  /** {@code tanh(x) = sign(x)·(1 - 2/(e^{2|x|} + 1))}, with {@link #exp}. */
  public static FloatVector tanh(FloatVector x) {
    FloatVector e = exp(x.abs().mul(2f));
    FloatVector t = x.broadcast(1f).sub(x.broadcast(2f).div(e.add(1f)));
    return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
  }

  /** {@code 1 / (1 + exp(-x))}, with {@link #exp}. */
  public static FloatVector sigmoid(FloatVector x) {
    FloatVector e = exp(x.neg()).add(1f);
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
    FloatVector erfc = t.mul(exp(z.mul(z).neg().add(p)));
    FloatVector r = x.broadcast(1f).sub(erfc);
    return r.blend(r.neg(), x.compare(VectorOperators.LT, 0f));
  }
}

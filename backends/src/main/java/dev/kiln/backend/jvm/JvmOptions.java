package dev.kiln.backend.jvm;

/**
 * Code generation switches of the JVM backend.
 *
 * @param vectorApi lower VECTORIZED loops with the Vector API where their form allows (see
 *     {@link VectorLoop}); when false, or when the JVM lacks {@code jdk.incubator.vector}, they run
 *     as scalar loops and the generated class never references the API
 * @param relaxedFloat in vectorized f32 loops, fuse {@code a*b + c} into one {@code fma} (one
 *     rounding instead of two) and compute exp, log, tanh, sigmoid, rsqrt and erf with vector
 *     approximations within a few ulps ({@link VectorMath}) — the only ways generated code may
 *     differ from the interpreter; false keeps vector code bit-exact
 */
public record JvmOptions(boolean vectorApi, boolean relaxedFloat) {
  public JvmOptions {
    if (vectorApi && !VectorSupport.modulePresent())
      throw new IllegalArgumentException("the Vector API needs --add-modules " + VectorSupport.MODULE);
  }

  /** The Vector API when this JVM has it and {@code -Dkiln.simd=false} is not set; relaxed float on. */
  public static JvmOptions defaults() { return new JvmOptions(VectorSupport.enabledByDefault(), true); }

  /** Scalar code only: bit-identical to the interpreter. */
  public static JvmOptions scalar() { return new JvmOptions(false, false); }
}

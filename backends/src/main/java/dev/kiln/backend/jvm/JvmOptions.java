package dev.kiln.backend.jvm;

/**
 * Code generation switches of the JVM backend.
 *
 * @param vectorApi lower VECTORIZED loops with the Vector API where their form allows (see
 *     {@link VectorLoop}); when false, or when the JVM lacks {@code jdk.incubator.vector}, they run
 *     as scalar loops and the generated class never references the API
 * @param fma fuse {@code a*b + c} in vectorized float loops into one {@code fma} (one rounding
 *     instead of two: the only way generated code may differ from the interpreter)
 */
public record JvmOptions(boolean vectorApi, boolean fma) {
  public JvmOptions {
    if (vectorApi && !VectorSupport.modulePresent())
      throw new IllegalArgumentException("the Vector API needs --add-modules " + VectorSupport.MODULE);
  }

  /** The Vector API when this JVM has it and {@code -Dkiln.simd=false} is not set; fma on. */
  public static JvmOptions defaults() { return new JvmOptions(VectorSupport.enabledByDefault(), true); }

  /** Scalar code only: bit-identical to the interpreter. */
  public static JvmOptions scalar() { return new JvmOptions(false, false); }
}

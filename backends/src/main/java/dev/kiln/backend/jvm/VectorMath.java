package dev.kiln.backend.jvm;

import java.util.Set;

/**
 * Vector forms of math functions for f32 lanes, used only with relaxed float
 * ({@link JvmOptions#relaxedFloat()}); the interpreter and scalar code keep {@code ScalarOps}'
 * definitions (computed in double), from which these differ by a few ulps (erf by about 2e-7).
 * Each calls {@code dev.kiln.runtime.intrinsics.simd.VectorMath}, built from IEEE operations only:
 * the Vector API's own EXP/LOG/TANH operators are not used, because their JIT intrinsic and their
 * Java fallback differ in the last bit, which would make a model's results depend on the JIT tier.
 * log has no vector form.
 */
final class VectorMath {
  private VectorMath() {}

  private static final Set<String> FUNCTIONS = Set.of("exp", "tanh", "sigmoid", "rsqrt", "erf");
  private static final String RUNTIME = "dev.kiln.runtime.intrinsics.simd.VectorMath.";

  static boolean supports(String function) { return FUNCTIONS.contains(function); }

  /** A Java expression of the vector {@code function(x)}; {@code x} names an f32 vector. */
  static String code(String function, String x) {
    if (!supports(function)) throw new IllegalArgumentException(function);
    return RUNTIME + function + "(" + x + ")";
  }
}

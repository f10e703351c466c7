package dev.kiln.backend.jvm;

import java.util.Set;

/**
 * Vector forms of math functions for f32 lanes, used only with relaxed float
 * ({@link JvmOptions#relaxedFloat()}); the interpreter and scalar code keep {@code ScalarOps}'
 * definitions (computed in double), from which these differ by a few ulps (erf by about 2e-7).
 * exp, log and tanh are the Vector API's lanewise operators (within 1 ulp by its contract);
 * sigmoid, rsqrt and erf call {@code dev.kiln.runtime.intrinsics.simd.VectorMath}.
 */
final class VectorMath {
  private VectorMath() {}

  private static final Set<String> FUNCTIONS = Set.of("exp", "log", "tanh", "sigmoid", "rsqrt", "erf");
  private static final String RUNTIME = "dev.kiln.runtime.intrinsics.simd.VectorMath.";

  static boolean supports(String function) { return FUNCTIONS.contains(function); }

  /** A Java expression of the vector {@code function(x)}; {@code x} names an f32 vector. */
  static String code(String function, String x) {
    String ops = VectorSupport.PKG + "VectorOperators.";
    return switch (function) {
      case "exp" -> x + ".lanewise(" + ops + "EXP)";
      case "log" -> x + ".lanewise(" + ops + "LOG)";
      case "tanh" -> x + ".lanewise(" + ops + "TANH)";
      case "sigmoid", "rsqrt", "erf" -> RUNTIME + function + "(" + x + ")";
      default -> throw new IllegalArgumentException(function);
    };
  }
}

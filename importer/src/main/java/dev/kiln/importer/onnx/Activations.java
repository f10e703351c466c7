package dev.kiln.importer.onnx;

/** Kiln text of the clipping activations, with the language's builtins {@code clip}, {@code hard_sigmoid}, {@code hard_swish}. */
final class Activations {
  private Activations() {}

  /** {@code clip(x, lo, hi)}; with one bound, {@code max(x, lo)} or {@code min(x, hi)}; with none, x. */
  static String clip(String x, String lo, String hi) {
    if (lo != null && hi != null) return "clip(" + x + ", " + lo + ", " + hi + ")";
    if (lo != null) return "max(" + x + ", " + lo + ")";
    if (hi != null) return "min(" + x + ", " + hi + ")";
    return x;
  }

  static String hardSigmoid(String x, float alpha, float beta) {
    return "hard_sigmoid(" + x + ", alpha: " + Literals.f32(alpha) + ", beta: " + Literals.f32(beta) + ")";
  }

  static String hardSwish(String x) {
    return "hard_swish(" + x + ")";
  }
}

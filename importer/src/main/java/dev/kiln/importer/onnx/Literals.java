package dev.kiln.importer.onnx;

import dev.kiln.ir.DType;

/**
 * Kiln literal text for constants. A float prints as the shortest decimal that reads back to the
 * same value however the reader rounds it: Java's shortest float text when both
 * {@code Float.parseFloat} and a parse to double followed by a cast to float give the same bits,
 * else the shortest text of the exact double value (which both readings map back to the float).
 * Kiln's lexer wants digits on both sides of the point, which Java's texts always have.
 */
final class Literals {
  private Literals() {}

  /** The literal for {@code v} as an element of {@code t}; null when Kiln has none (infinity, NaN). */
  static String of(double v, DType t) {
    if (t.isBool()) return v != 0 ? "true" : "false";
    if (!t.isFloat()) return Long.toString((long) v);
    if (Double.isNaN(v) || Double.isInfinite(v)) return null;
    if (t == DType.F64) return Double.toString(v);
    return f32((float) v);
  }

  static String f32(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) return null;
    String s = Float.toString(f);
    if (Float.floatToRawIntBits(Float.parseFloat(s)) == Float.floatToRawIntBits(f)
        && Float.floatToRawIntBits((float) Double.parseDouble(s)) == Float.floatToRawIntBits(f)) {
      return s;
    }
    return Double.toString(f);
  }
}

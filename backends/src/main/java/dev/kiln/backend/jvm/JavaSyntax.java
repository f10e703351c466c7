package dev.kiln.backend.jvm;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.DType;

/**
 * Java-source spellings the code generator needs: the Java type that holds a value or an array
 * of each dtype, exact literals, and identifier sanitizing. Small integer types (i8, u8, i16) are
 * held as {@code int} values, exactly as the reference interpreter computes them.
 */
final class JavaSyntax {
  private JavaSyntax() {}

  /** The Java type of a scalar value of {@code t}. */
  static String valueType(DType t) {
    return switch (t) {
      case F32, F16, BF16 -> "float";
      case F64 -> "double";
      case I8, U8, I16, I32 -> "int";
      case I64 -> "long";
      case BOOL -> "boolean";
    };
  }

  /** The Java array type that stores elements of {@code t} (the calling convention). */
  static String arrayType(DType t) {
    return switch (t) {
      case F32, F16, BF16 -> "float[]";
      case F64 -> "double[]";
      case I8, U8 -> "byte[]";
      case I16 -> "short[]";
      case I32 -> "int[]";
      case I64 -> "long[]";
      case BOOL -> "boolean[]";
    };
  }

  /** An int literal; negative values are parenthesized, MIN_VALUE spelled without overflow. */
  static String intLiteral(int v) {
    if (v == Integer.MIN_VALUE) return "(-2147483647 - 1)";
    return v < 0 ? "(" + v + ")" : Integer.toString(v);
  }

  static String longLiteral(long v) {
    if (v == Long.MIN_VALUE) return "(-9223372036854775807L - 1L)";
    return v < 0 ? "(" + v + "L)" : v + "L";
  }

  /**
   * An f32 constant that denotes exactly {@code v}: the shortest double literal of the (exactly
   * representable) value, cast to float, so no decimal-to-float double rounding can occur.
   */
  static String floatLiteral(float v) {
    if (Float.isNaN(v)) return "Float.NaN";
    if (v == Float.POSITIVE_INFINITY) return "Float.POSITIVE_INFINITY";
    if (v == Float.NEGATIVE_INFINITY) return "Float.NEGATIVE_INFINITY";
    if (v == 0 && Float.floatToRawIntBits(v) != 0) return "Float.intBitsToFloat(" + intLiteral(Float.floatToRawIntBits(v)) + ")";
    return "((float) " + plainDouble((double) v) + ")";
  }

  static String doubleLiteral(double v) {
    if (Double.isNaN(v)) return "Double.NaN";
    if (v == Double.POSITIVE_INFINITY) return "Double.POSITIVE_INFINITY";
    if (v == Double.NEGATIVE_INFINITY) return "Double.NEGATIVE_INFINITY";
    if (v == 0 && Double.doubleToRawLongBits(v) != 0)
      return "Double.longBitsToDouble(" + longLiteral(Double.doubleToRawLongBits(v)) + ")";
    return plainDouble(v);
  }

  private static String plainDouble(double v) {
    String s = Double.toString(v);
    return v < 0 ? "(" + s + ")" : s;
  }

  /** A Java identifier fragment: letters, digits and '_' only, never starting with a digit. */
  static String sanitize(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      boolean ok = ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_');
      sb.append(ok ? ch : '_');
    }
    if (sb.isEmpty() || Character.isDigit(sb.charAt(0))) sb.insert(0, '_');
    return sb.toString();
  }

  static InternalCompilerError unsupported(String what) {
    return new InternalCompilerError("jvm backend: " + what);
  }
}

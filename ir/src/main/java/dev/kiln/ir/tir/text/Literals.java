package dev.kiln.ir.tir.text;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.MemoryScope;
import java.util.HashSet;
import java.util.Set;

/**
 * Lexical conventions shared by the printer and the parser: literal spelling, reserved words,
 * identifier sanitizing and string quoting.
 *
 * <p>Integer constants are written bare when i32 and with a dtype suffix otherwise ({@code 1i64},
 * {@code 200u8}); booleans are {@code true}/{@code false}. Float constants are Java's shortest
 * round-trip decimal ({@link Double#toString(double)}, exact since JDK 19) followed by the dtype
 * ({@code 0.5f32}, {@code 1.0E-5f64}); non-finite values are the words {@code inf_f32},
 * {@code -inf_f32}, {@code nan_f32}.
 */
final class Literals {
  private Literals() {}

  /** Words that cannot name a variable or buffer (they would be read as something else). */
  static final Set<String> RESERVED = reserved();

  private static Set<String> reserved() {
    Set<String> s = new HashSet<>(Set.of("func", "sizes", "block", "alloc", "reads", "writes", "init", "where",
        "for", "in", "if", "else", "let", "seq", "select", "true", "false", "serial"));
    for (DType t : DType.values()) {
      s.add(t.text());
      if (t.isFloat()) {
        s.add("inf_" + t.text());
        s.add("nan_" + t.text());
      }
    }
    for (BinOp op : BinOp.values()) if (op.isFunction()) s.add(op.symbol());
    s.addAll(Call.FUNCTIONS);
    for (ForKind k : ForKind.values()) s.add(k.text());
    for (MemoryScope m : MemoryScope.values()) s.add(m.text());
    return Set.copyOf(s);
  }

  static String intLit(IntImm i) {
    if (i.dtype() == DType.I32) return Long.toString(i.value());
    if (i.dtype() == DType.BOOL && (i.value() == 0 || i.value() == 1)) return i.value() == 1 ? "true" : "false";
    return i.value() + i.dtype().text();
  }

  static String floatLit(FloatImm f) {
    double v = f.value();
    String t = f.dtype().text();
    if (Double.isNaN(v)) return "nan_" + t;
    if (Double.isInfinite(v)) return (v > 0 ? "inf_" : "-inf_") + t;
    return Double.toString(v) + t;
  }

  static boolean isIdent(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) && s.charAt(0) < 128 || s.charAt(0) == '_')) return false;
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) return false;
    }
    return true;
  }

  /** A name hint made into a usable, non-reserved identifier; idempotent. */
  static String sanitize(String hint) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < (hint == null ? 0 : hint.length()); i++) {
      char c = hint.charAt(i);
      sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    if (sb.isEmpty() || Character.isDigit(sb.charAt(0))) sb.insert(0, 'v');
    String s = sb.toString();
    return RESERVED.contains(s) ? s + "_" : s;
  }

  /** A block or function name: bare when an identifier, else a quoted string. */
  static String label(String name) {
    return isIdent(name) ? name : quote(name);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}

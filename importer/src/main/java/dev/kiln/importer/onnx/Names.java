package dev.kiln.importer.onnx;

import java.util.HashSet;
import java.util.Set;

/**
 * Kiln identifiers for ONNX names. {@link #sanitize} keeps a name that already is an identifier;
 * otherwise every run of characters outside {@code [A-Za-z0-9_]} becomes one {@code _}, leading
 * and trailing {@code _} go, and a name that starts with a digit gets a {@code v} in front
 * ({@code /encoder/layer.0/Add} → {@code encoder_layer_0_Add}, {@code onnx::MatMul_787} →
 * {@code onnx_MatMul_787}). {@link #fresh} also keeps names unique within one program (a
 * {@code _2}, {@code _3}, ... suffix) and away from Kiln's keywords and type names (a {@code _}
 * suffix).
 */
final class Names {
  static final Set<String> RESERVED = Set.of("import", "op", "model", "schedule", "param", "from", "if", "else", "for",
      "in", "while", "return", "where", "true", "false", "f32", "f64", "f16", "bf16", "i8", "u8", "i16", "i32", "i64",
      "bool", "int", "float");

  private final Set<String> used = new HashSet<>();

  static boolean isIdentifier(String s) {
    return s.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  static String sanitize(String name) {
    if (isIdentifier(name)) return name;
    String s = name.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_+", "_").replaceAll("^_+|_+$", "");
    if (s.isEmpty()) return "v";
    return Character.isDigit(s.charAt(0)) ? "v" + s : s;
  }

  /** A new unique identifier derived from {@code hint}. */
  String fresh(String hint) {
    String base = sanitize(hint);
    if (RESERVED.contains(base)) base = base + "_";
    String s = base;
    for (int k = 2; used.contains(s); k++) s = base + "_" + k;
    used.add(s);
    return s;
  }

  /** Marks a name as taken without renaming it. */
  void reserve(String name) {
    used.add(name);
  }
}

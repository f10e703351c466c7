package dev.kiln.frontend.parse;

/**
 * Decoding of literal token text. Each method returns the value or, for text that is not a
 * valid literal, throws {@link IllegalArgumentException} whose message is a user-facing
 * diagnostic; {@link LexicalChecker} turns those into diagnostics before the AST is built.
 */
final class Literals {
  private Literals() {}

  /** A decimal integer literal; it must fit in a {@code long}. */
  static long integer(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "integer literal " + text + " is too large (the largest is " + Long.MAX_VALUE + ")");
    }
  }

  /** A float literal such as {@code 3.5} or {@code 1e-5}; it must be finite as an f64. */
  static double floating(String text) {
    double v = Double.parseDouble(text);
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("number " + text + " is too large for a 64-bit float");
    }
    return v;
  }

  /** The value of a string literal given with its quotes; only {@code \"} and {@code \\} are escapes. */
  static String string(String quoted) {
    int bad = badEscape(quoted);
    if (bad >= 0) {
      throw new IllegalArgumentException(badEscapeMessage(quoted, bad));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\') c = quoted.charAt(++i);
      sb.append(c);
    }
    return sb.toString();
  }

  /** Index of the backslash of the first escape other than {@code \"} and {@code \\}, or -1. */
  static int badEscape(String quoted) {
    for (int i = 1; i < quoted.length() - 1; i++) {
      if (quoted.charAt(i) == '\\') {
        char next = quoted.charAt(i + 1);
        if (next != '"' && next != '\\') return i;
        i++;
      }
    }
    return -1;
  }

  static String badEscapeMessage(String quoted, int at) {
    int end = Math.min(quoted.length(), at + 1 + Character.charCount(quoted.codePointAt(at + 1)));
    return "unknown escape '" + quoted.substring(at, end) + "' in string (only \\\" and \\\\ are escapes)";
  }
}

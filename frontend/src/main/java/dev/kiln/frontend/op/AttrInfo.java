package dev.kiln.frontend.op;

import dev.kiln.diag.Span;

/**
 * An attribute of an op: its kind ({@code int}, {@code float} or {@code bool}), its default
 * value (Long, Double or Boolean; null when it has none), and whether it is used as a divisor
 * (the right operand of {@code /} or {@code %}) somewhere, which makes the bounds prover assume
 * it is at least 1 when its value is unknown.
 */
public record AttrInfo(String name, Kind kind, Object defaultValue, boolean divisor, Span span) {
  /** The attribute types. */
  public enum Kind {
    INT("int"), FLOAT("float"), BOOL("bool");

    private final String text;
    Kind(String text) { this.text = text; }
    public String text() { return text; }

    /** The kind written as {@code text}, or null. */
    public static Kind parse(String text) {
      for (Kind k : values()) if (k.text.equals(text)) return k;
      return null;
    }
  }
}

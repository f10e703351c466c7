package dev.kiln.ir;

/** Element types, first-class in both IR levels. */
public enum DType {
  F32("f32", 4, true), F64("f64", 8, true), F16("f16", 2, true), BF16("bf16", 2, true),
  I8("i8", 1, false), U8("u8", 1, false), I16("i16", 2, false), I32("i32", 4, false),
  I64("i64", 8, false), BOOL("bool", 1, false);

  private final String text;
  private final int bytes;
  private final boolean floating;

  DType(String text, int bytes, boolean floating) {
    this.text = text;
    this.bytes = bytes;
    this.floating = floating;
  }

  /** The name used in Kiln source and in IR text, e.g. {@code f32}. */
  public String text() { return text; }
  public int bytes() { return bytes; }
  public boolean isFloat() { return floating; }
  public boolean isInt() { return !floating && this != BOOL; }
  public boolean isBool() { return this == BOOL; }

  /** Looks up a dtype by its text name; null when there is none. */
  public static DType parse(String text) {
    for (DType t : values()) if (t.text.equals(text)) return t;
    return null;
  }

  @Override public String toString() { return text; }
}

package dev.kiln.ir.tir;

/** Where a buffer lives. GPU backends map shared/local to on-chip memories. */
public enum MemoryScope {
  GLOBAL("global"), SHARED("shared"), LOCAL("local");

  private final String text;
  MemoryScope(String text) { this.text = text; }
  public String text() { return text; }

  public static MemoryScope parse(String s) {
    for (MemoryScope m : values()) if (m.text.equals(s)) return m;
    return null;
  }
}

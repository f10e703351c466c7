package dev.kiln.backend.jvm;

/** Indented Java source text, one statement or brace per line. */
final class SourceWriter {
  private final StringBuilder sb = new StringBuilder();
  private int depth;

  SourceWriter line(String s) {
    sb.append("  ".repeat(depth)).append(s).append('\n');
    return this;
  }

  /** Writes {@code head {} and indents. */
  SourceWriter open(String head) {
    line(head.isEmpty() ? "{" : head + " {");
    depth++;
    return this;
  }

  SourceWriter close() {
    depth--;
    return line("}");
  }

  /** An empty writer that indents as this one does now (for code that may be thrown away). */
  SourceWriter fork() {
    SourceWriter w = new SourceWriter();
    w.depth = depth;
    return w;
  }

  /** Appends everything {@code other} (made by {@link #fork}) wrote. */
  SourceWriter append(SourceWriter other) {
    sb.append(other.sb);
    return this;
  }

  @Override public String toString() { return sb.toString(); }
}

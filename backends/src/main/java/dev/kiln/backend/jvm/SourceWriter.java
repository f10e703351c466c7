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

  @Override public String toString() { return sb.toString(); }
}

package dev.kiln.diag;

/**
 * A half-open range of characters [start, end) in a source file. Spans ride along on AST and IR
 * nodes for diagnostics but never take part in structural equality.
 */
public record Span(SourceFile file, int start, int end) {
  public static final Span NONE = new Span(null, 0, 0);

  public boolean isKnown() { return file != null; }

  public int line() { return file == null ? 0 : file.line(start); }

  public int column() { return file == null ? 0 : file.column(start); }

  /** The smallest span covering both. */
  public Span to(Span other) {
    if (!isKnown()) return other;
    if (other == null || !other.isKnown()) return this;
    return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  @Override public String toString() {
    return file == null ? "<unknown>" : file.path() + ":" + line() + ":" + column();
  }

  // Spans are metadata: all spans compare equal so records holding them compare structurally.
  @Override public boolean equals(Object o) { return o instanceof Span; }
  @Override public int hashCode() { return 0; }
}

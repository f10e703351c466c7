package dev.kiln.diag;

import java.util.List;

/** A user error: the program (or its inputs) is wrong. Carries one or more diagnostics. */
public class KilnException extends RuntimeException {
  private final List<Diagnostic> diagnostics;

  public KilnException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "error" : diagnostics.get(0).message());
    this.diagnostics = List.copyOf(diagnostics);
  }

  public KilnException(Span span, String message) {
    this(List.of(Diagnostic.error(span, message)));
  }

  public KilnException(String message) {
    this(Span.NONE, message);
  }

  public List<Diagnostic> diagnostics() { return diagnostics; }

  /** All diagnostics rendered, one after another. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) sb.append(d.render());
    return sb.toString();
  }
}

package dev.kiln.diag;

import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics so a phase can report every independent error before stopping. */
public final class DiagnosticSink {
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  public void error(Span span, String message) { diagnostics.add(Diagnostic.error(span, message)); }

  public void add(Diagnostic d) { diagnostics.add(d); }

  public void addAll(KilnException e) { diagnostics.addAll(e.diagnostics()); }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  public List<Diagnostic> diagnostics() { return List.copyOf(diagnostics); }

  /** Throws a KilnException carrying everything collected, sorted by position, if any error was reported. */
  public void throwIfErrors() {
    if (!hasErrors()) return;
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort((a, b) -> {
      String fa = a.span().isKnown() ? a.span().file().path() : "";
      String fb = b.span().isKnown() ? b.span().file().path() : "";
      int c = fa.compareTo(fb);
      return c != 0 ? c : Integer.compare(a.span().start(), b.span().start());
    });
    throw new KilnException(sorted);
  }
}

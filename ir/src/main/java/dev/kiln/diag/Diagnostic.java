package dev.kiln.diag;

/** One message about the user's program, rendered as {@code file:line:col: error: message}, the line and a caret. */
public record Diagnostic(Severity severity, Span span, String message) {
  public static Diagnostic error(Span span, String message) {
    return new Diagnostic(Severity.ERROR, span, message);
  }

  /** The full text: header line, then the source line and a caret under the span, when the span is known. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    if (span != null && span.isKnown()) {
      SourceFile f = span.file();
      int line = f.line(span.start());
      int col = f.column(span.start());
      sb.append(f.path()).append(':').append(line).append(':').append(col).append(": ");
      sb.append(severity.label()).append(": ").append(message).append('\n');
      String text = f.lineText(line);
      sb.append(text).append('\n');
      StringBuilder caret = new StringBuilder();
      for (int i = 0; i < col - 1 && i < text.length(); i++) caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
      int endOnLine = f.line(Math.max(span.start(), span.end() - 1)) == line
          ? f.column(Math.max(span.start(), span.end() - 1)) : text.length();
      int width = Math.max(1, endOnLine - col + 1);
      caret.append('^');
      for (int i = 1; i < width; i++) caret.append('~');
      sb.append(caret).append('\n');
    } else {
      sb.append(severity.label()).append(": ").append(message).append('\n');
    }
    return sb.toString();
  }

  @Override public String toString() { return render(); }
}

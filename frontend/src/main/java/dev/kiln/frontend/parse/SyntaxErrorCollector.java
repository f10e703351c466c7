package dev.kiln.frontend.parse;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.Span;
import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * An ANTLR error listener that records each syntax error as a diagnostic at the offending token
 * instead of printing it. Errors at the lexer's error tokens are dropped ({@link LexicalChecker}
 * has already said what is wrong there), as is a second error at a token that already has one.
 * An error at the end of the file points just after the last real token, so the caret lands
 * on the line where something is missing rather than on an empty last line.
 */
final class SyntaxErrorCollector extends BaseErrorListener {
  private final SourceSpans spans;
  private final DiagnosticSink sink;
  private final TokenStream tokens;
  private final Set<Integer> reported = new HashSet<>();

  SyntaxErrorCollector(SourceSpans spans, DiagnosticSink sink, TokenStream tokens) {
    this.spans = spans;
    this.sink = sink;
    this.tokens = tokens;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col,
      String msg, RecognitionException e) {
    if (!(offendingSymbol instanceof Token t)) {
      sink.error(Span.NONE, msg);
      return;
    }
    if (LexicalChecker.isErrorToken(t.getType())) return;
    if (!reported.add(t.getTokenIndex())) return;
    sink.error(t.getType() == Token.EOF ? endOfFile(t) : spans.of(t), msg);
  }

  private Span endOfFile(Token eof) {
    for (int i = eof.getTokenIndex() - 1; i >= 0; i--) {
      Token prev = tokens.get(i);
      if (prev.getChannel() == Token.DEFAULT_CHANNEL) {
        int end = spans.of(prev).end();
        return new Span(spans.file(), end, end);
      }
    }
    return spans.of(eof);
  }
}

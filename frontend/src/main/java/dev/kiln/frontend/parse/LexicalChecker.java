package dev.kiln.frontend.parse;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.grammar.KilnLexer;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Reports every lexical error in a token list: the error tokens the grammar produces instead of
 * failing ({@code BAD_CHAR}, {@code BAD_NUMBER}, {@code UNTERMINATED_STRING},
 * {@code UNTERMINATED_COMMENT}) and literals that lex but have no value (an integer beyond
 * {@code long}, a float beyond f64, an unknown string escape). The parser's own errors at error
 * tokens are suppressed by {@link SyntaxErrorCollector}, so each problem is reported once.
 */
final class LexicalChecker {
  private final SourceSpans spans;
  private final DiagnosticSink sink;

  LexicalChecker(SourceSpans spans, DiagnosticSink sink) {
    this.spans = spans;
    this.sink = sink;
  }

  /** True for the token types that are always errors. */
  static boolean isErrorToken(int type) {
    return type == KilnLexer.BAD_CHAR || type == KilnLexer.BAD_NUMBER
        || type == KilnLexer.UNTERMINATED_STRING || type == KilnLexer.UNTERMINATED_COMMENT;
  }

  void check(List<Token> tokens) {
    for (Token t : tokens) check(t);
  }

  private void check(Token t) {
    String text = t.getText();
    switch (t.getType()) {
      case KilnLexer.BAD_CHAR -> sink.error(spans.of(t), "unexpected character " + describeChar(text));
      case KilnLexer.BAD_NUMBER -> sink.error(spans.of(t), text.startsWith(".")
          ? "a number needs a digit before the point: write '0" + text + "'"
          : "a number needs a digit after the point: write '" + text + "0'");
      case KilnLexer.UNTERMINATED_STRING ->
          sink.error(spans.of(t), "unterminated string: a string ends with '\"' on the same line");
      case KilnLexer.UNTERMINATED_COMMENT ->
          sink.error(spans.within(t, 0, 2), "unterminated block comment: missing '*/'");
      case KilnLexer.INT -> literal(t, () -> Literals.integer(text));
      case KilnLexer.FLOAT -> literal(t, () -> Literals.floating(text));
      case KilnLexer.STRING -> {
        int bad = Literals.badEscape(text);
        if (bad >= 0) {
          int cp = text.codePointCount(0, bad);
          sink.error(spans.within(t, cp, cp + 2), Literals.badEscapeMessage(text, bad));
        }
      }
      default -> { }
    }
  }

  private void literal(Token t, Runnable decode) {
    try {
      decode.run();
    } catch (IllegalArgumentException e) {
      sink.error(spans.of(t), e.getMessage());
    }
  }

  private static String describeChar(String text) {
    int cp = text.codePointAt(0);
    if (cp >= 0x21 && cp < 0x7f) return "'" + text + "'";
    return String.format("U+%04X", cp);
  }
}

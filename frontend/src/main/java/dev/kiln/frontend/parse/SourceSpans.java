package dev.kiln.frontend.parse;

import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns ANTLR tokens and rule contexts into {@link Span}s of one {@link SourceFile}.
 *
 * <p>ANTLR's character streams index Unicode code points while {@link SourceFile} offsets are
 * UTF-16 {@code char} indices. When the text holds supplementary characters (a surrogate pair in
 * a comment, say) a table maps each code point index to its char offset; otherwise the two agree
 * and no table is built. A token's span is {@code [start, stop + 1)}; a context's span runs from
 * its first token to its last.
 */
final class SourceSpans {
  private final SourceFile file;
  private final int[] charOffset; // by code point index, or null when identical

  SourceSpans(SourceFile file) {
    this.file = file;
    String text = file.text();
    int cps = text.codePointCount(0, text.length());
    if (cps == text.length()) {
      charOffset = null;
    } else {
      charOffset = new int[cps + 1];
      int off = 0;
      for (int i = 0; i < cps; i++) {
        charOffset[i] = off;
        off += Character.charCount(text.codePointAt(off));
      }
      charOffset[cps] = text.length();
    }
  }

  SourceFile file() { return file; }

  /** The char offset of a code point index, clamped to the text. */
  int offset(int codePointIndex) {
    int max = charOffset == null ? file.text().length() : charOffset.length - 1;
    int i = Math.max(0, Math.min(codePointIndex, max));
    return charOffset == null ? i : charOffset[i];
  }

  /** The span of one token; the end-of-file token gets an empty span at the end of the text. */
  Span of(Token t) {
    if (t.getType() == Token.EOF) {
      int end = file.text().length();
      return new Span(file, end, end);
    }
    return new Span(file, offset(t.getStartIndex()), offset(t.getStopIndex() + 1));
  }

  /** From the start of {@code first} to the end of {@code last}. */
  Span range(Token first, Token last) {
    Span a = of(first);
    if (last == null || last.getTokenIndex() < first.getTokenIndex()) return a;
    return a.to(of(last));
  }

  /** The span of everything a rule context matched. */
  Span of(ParserRuleContext ctx) {
    return range(ctx.getStart(), ctx.getStop());
  }

  /** A sub-range of a token's text, in code points from the token's start. */
  Span within(Token t, int fromCodePoint, int toCodePoint) {
    return new Span(file, offset(t.getStartIndex() + fromCodePoint), offset(t.getStartIndex() + toCodePoint));
  }
}

package dev.kiln.ir.tir.text;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits IR text into tokens. Whitespace and {@code //} line comments separate tokens. A number is
 * digits, an optional fraction (a dot followed by a digit, so {@code 0..4} is three tokens), an
 * optional exponent and an optional lowercase dtype suffix ({@code 1.5E-3f32}, {@code 7i64});
 * its sign is not part of it (the parser joins a minus sign written right against a number).
 */
final class TirLexer {
  private static final String[] PUNCT = {"->", "..", "==", "!=", "<=", ">=", "&&", "||",
      "(", ")", "[", "]", "{", "}", ",", ";", ":", "=", "<", ">", "+", "-", "*", "/", "%", "!"};

  private final SourceFile file;
  private final String s;
  private int pos;

  /** Lexes the characters [start, end) of the file; offsets stay those of the whole file. */
  private TirLexer(SourceFile file, int start, int end) {
    this.file = file;
    this.s = file.text().substring(0, end);
    this.pos = start;
  }

  static List<Token> lex(SourceFile file, int start, int end) {
    return new TirLexer(file, start, end).run();
  }

  private List<Token> run() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= s.length()) {
        out.add(new Token(Token.Kind.EOF, "<end of input>", pos, pos));
        return out;
      }
      out.add(next());
    }
  }

  private void skipSpace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c)) pos++;
      else if (s.startsWith("//", pos)) while (pos < s.length() && s.charAt(pos) != '\n') pos++;
      else return;
    }
  }

  private Token next() {
    int start = pos;
    char c = s.charAt(pos);
    if (c < 128 && (Character.isLetter(c) || c == '_')) {
      while (pos < s.length() && isWordChar(s.charAt(pos))) pos++;
      return new Token(Token.Kind.IDENT, s.substring(start, pos), start, pos);
    }
    if (isDigit(c)) return number(start);
    if (c == '"') return string(start);
    for (String p : PUNCT) {
      if (s.startsWith(p, pos)) {
        pos += p.length();
        return new Token(Token.Kind.PUNCT, p, start, pos);
      }
    }
    throw new KilnException(new Span(file, start, start + 1), "unexpected character '" + c + "'");
  }

  private Token number(int start) {
    digits();
    if (pos + 1 < s.length() && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
      pos++;
      digits();
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      int k = pos + 1;
      if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
      if (k < s.length() && isDigit(s.charAt(k))) {
        pos = k;
        digits();
      }
    }
    while (pos < s.length() && isWordChar(s.charAt(pos))) pos++;
    return new Token(Token.Kind.NUMBER, s.substring(start, pos), start, pos);
  }

  private Token string(int start) {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= s.length() || s.charAt(pos) == '\n')
        throw new KilnException(new Span(file, start, pos), "unterminated string");
      char c = s.charAt(pos++);
      if (c == '"') return new Token(Token.Kind.STRING, sb.toString(), start, pos);
      if (c == '\\' && pos < s.length()) {
        char e = s.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case '"', '\\' -> sb.append(e);
          default -> throw new KilnException(new Span(file, pos - 2, pos), "unknown escape '\\" + e + "'");
        }
      } else {
        sb.append(c);
      }
    }
  }

  private void digits() {
    while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
  }

  private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

  private static boolean isWordChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }
}

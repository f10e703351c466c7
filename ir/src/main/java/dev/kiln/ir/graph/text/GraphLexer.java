package dev.kiln.ir.graph.text;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** Splits graph IR text into tokens: names, %values, numbers, strings and punctuation. */
final class GraphLexer {
  enum Kind { NAME, VALUE, NUMBER, STRING, PUNCT, EOF }

  record Token(Kind kind, String text, int start, int end) {}

  private GraphLexer() {}

  static List<Token> lex(SourceFile file) {
    String s = file.text();
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        while (i < s.length() && s.charAt(i) != '\n') i++;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        out.add(new Token(Kind.NAME, s.substring(i, j), i, j));
        i = j;
      } else if (c == '%') {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        out.add(new Token(Kind.VALUE, s.substring(i + 1, j), i, j));
        i = j;
      } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))
          && !out.isEmpty() && out.get(out.size() - 1).text().equals("const"))) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
            || ((s.charAt(j) == '-' || s.charAt(j) == '+') && (s.charAt(j - 1) == 'E' || s.charAt(j - 1) == 'e')))) {
          if (s.charAt(j) == '.' && j + 1 < s.length() && s.charAt(j + 1) == '.') break;
          j++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(i, j), i, j));
        i = j;
      } else if (c == '"') {
        StringBuilder v = new StringBuilder();
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') {
          if (s.charAt(j) == '\\' && j + 1 < s.length()) j++;
          v.append(s.charAt(j++));
        }
        if (j >= s.length()) throw new KilnException(new Span(file, i, j), "unterminated string");
        out.add(new Token(Kind.STRING, v.toString(), i, j + 1));
        i = j + 1;
      } else if (s.startsWith("..", i) || s.startsWith("->", i)) {
        out.add(new Token(Kind.PUNCT, s.substring(i, i + 2), i, i + 2));
        i += 2;
      } else {
        // Any other character is single-character punctuation: the graph grammar uses
        // (){}[],:=+-*/% and rejects the rest in the parser; kernels (cut out by brace
        // matching and parsed by TirParser) use more operators, such as < and &&.
        out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    out.add(new Token(Kind.EOF, "<end of input>", s.length(), s.length()));
    return out;
  }
}

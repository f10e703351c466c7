package dev.kiln.ir.tir.text;

/** One token of IR text: its kind, its text (a string literal's text is unescaped) and its offsets. */
record Token(Kind kind, String text, int start, int end) {
  enum Kind { IDENT, NUMBER, STRING, PUNCT, EOF }

  boolean is(String punctOrWord) {
    return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrWord);
  }
}

package dev.kiln.ir.tir.text;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The shared state of the recursive-descent IR parser: the token list with a cursor, the lexical
 * scopes (a stack of frames mapping names to {@link Var}s and {@link Buffer}s; inner frames
 * shadow outer ones) and error reporting as {@link KilnException}s with spans.
 */
final class ParserState {
  final SourceFile file;
  private final List<Token> tokens;
  int pos;
  private final Deque<Map<String, Object>> frames = new ArrayDeque<>();

  ParserState(SourceFile file, int start, int end) {
    this.file = file;
    this.tokens = TirLexer.lex(file, start, end);
  }

  Token peek() { return tokens.get(pos); }

  Token peek(int ahead) { return tokens.get(Math.min(pos + ahead, tokens.size() - 1)); }

  Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Token.Kind.EOF) pos++;
    return t;
  }

  boolean at(String s) { return peek().is(s); }

  boolean accept(String s) {
    if (!at(s)) return false;
    pos++;
    return true;
  }

  Token expect(String s) {
    if (!at(s)) throw error(peek(), "expected '" + s + "', found " + describe(peek()));
    return next();
  }

  Token ident(String what) {
    if (peek().kind() != Token.Kind.IDENT) throw error(peek(), "expected " + what + ", found " + describe(peek()));
    return next();
  }

  /** A block or function name: an identifier or a string. */
  String label(String what) {
    Token t = peek();
    if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.STRING)
      throw error(t, "expected " + what + ", found " + describe(t));
    return next().text();
  }

  DType dtype() {
    Token t = ident("a dtype");
    DType d = DType.parse(t.text());
    if (d == null) throw error(t, "unknown dtype '" + t.text() + "'");
    return d;
  }

  static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "end of input";
      case STRING -> "string " + Literals.quote(t.text());
      default -> "'" + t.text() + "'";
    };
  }

  KilnException error(Token t, String message) {
    return new KilnException(span(t), message);
  }

  Span span(Token t) { return new Span(file, t.start(), Math.max(t.end(), t.start() + 1)); }

  /** Runs a node constructor, turning its argument checks into errors at the token. */
  <T> T build(Token at, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  void push() { frames.push(new HashMap<>()); }

  void pop() { frames.pop(); }

  /** Defines a name in the innermost frame; a name may be defined once per frame. */
  void define(Token at, Object node) {
    Map<String, Object> top = frames.peek();
    if (top.containsKey(at.text())) throw error(at, "'" + at.text() + "' is already defined here");
    top.put(at.text(), node);
  }

  Var lookupVar(Token t) {
    Object o = lookup(t);
    if (o instanceof Var v) return v;
    throw error(t, "'" + t.text() + "' is a buffer, not a variable");
  }

  Buffer lookupBuffer(Token t) {
    Object o = lookup(t);
    if (o instanceof Buffer b) return b;
    throw error(t, "'" + t.text() + "' is a variable, not a buffer");
  }

  private Object lookup(Token t) {
    for (Map<String, Object> f : frames) {
      Object o = f.get(t.text());
      if (o != null) return o;
    }
    throw error(t, "unknown name '" + t.text() + "'");
  }
}

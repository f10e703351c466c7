package dev.kiln.ir.tir.text;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.UnOp;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of IR expressions by precedence climbing, one method level per
 * precedence level of {@link ExprPrinter} (all binary operators left-associative). A minus sign
 * written directly against a number or {@code inf_*} in operand position is part of the literal
 * ({@code -5} is the constant, {@code -(5)} and {@code - 5} negate it). An identifier followed by
 * {@code (} is a cast (dtype name), {@code select}, {@code min/max/pow} or a math function; followed
 * by {@code [} it is a load; otherwise it is a variable.
 */
final class TirExprParser {
  private static final Pattern NUMBER =
      Pattern.compile("([0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)([a-z][a-z0-9]*)?");
  private static final String[][] LEVELS = {
      {}, {"||"}, {"&&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"+", "-"}, {"*", "/", "%"}};

  private final ParserState p;

  TirExprParser(ParserState p) { this.p = p; }

  Expr expr() { return binary(1); }

  List<Expr> list(String close) {
    List<Expr> out = new ArrayList<>();
    if (p.at(close)) return out;
    do out.add(expr()); while (p.accept(","));
    return out;
  }

  private Expr binary(int level) {
    if (level >= LEVELS.length) return unary();
    Expr left = binary(level + 1);
    while (true) {
      Token t = p.peek();
      String op = null;
      for (String s : LEVELS[level]) if (t.kind() == Token.Kind.PUNCT && t.text().equals(s)) op = s;
      if (op == null) return left;
      p.next();
      Expr right = binary(level + 1);
      Expr l = left;
      BinOp bop = BinOp.bySymbol(op);
      left = p.build(t, () -> new Binary(bop, l, right));
    }
  }

  private Expr unary() {
    Token t = p.peek();
    if (t.is("-")) {
      Token n = p.peek(1);
      boolean literal = n.start() == t.end()
          && (n.kind() == Token.Kind.NUMBER || n.kind() == Token.Kind.IDENT && n.text().startsWith("inf_"));
      p.next();
      if (literal) return literal(p.next(), true);
      Expr a = unary();
      return p.build(t, () -> new Unary(UnOp.NEG, a));
    }
    if (p.accept("!")) {
      Expr a = unary();
      return p.build(t, () -> new Unary(UnOp.NOT, a));
    }
    return primary();
  }

  private Expr primary() {
    Token t = p.next();
    switch (t.kind()) {
      case NUMBER -> { return literal(t, false); }
      case PUNCT -> {
        if (t.text().equals("(")) {
          Expr e = expr();
          p.expect(")");
          return e;
        }
        throw p.error(t, "expected an expression, found " + ParserState.describe(t));
      }
      case IDENT -> { return word(t); }
      default -> throw p.error(t, "expected an expression, found " + ParserState.describe(t));
    }
  }

  private Expr word(Token t) {
    String w = t.text();
    if (w.equals("true") || w.equals("false")) return new IntImm(DType.BOOL, w.equals("true") ? 1 : 0);
    if (w.startsWith("inf_") || w.startsWith("nan_")) return literal(t, false);
    if (p.at("(")) {
      p.next();
      Expr e = call(t);
      p.expect(")");
      return e;
    }
    if (p.accept("[")) {
      var buffer = p.lookupBuffer(t);
      List<Expr> idx = list("]");
      p.expect("]");
      return p.build(t, () -> new Load(buffer, idx));
    }
    Var v = p.lookupVar(t);
    return v;
  }

  private Expr call(Token t) {
    String w = t.text();
    DType cast = DType.parse(w);
    if (cast != null) {
      Expr v = expr();
      return new Cast(cast, v);
    }
    List<Expr> args = list(")");
    BinOp op = BinOp.bySymbol(w);
    if (w.equals("select")) {
      arity(t, args, 3);
      return p.build(t, () -> new Select(args.get(0), args.get(1), args.get(2)));
    }
    if (op != null && op.isFunction()) {
      arity(t, args, 2);
      return p.build(t, () -> new Binary(op, args.get(0), args.get(1)));
    }
    if (Call.FUNCTIONS.contains(w)) {
      arity(t, args, 1);
      return new Call(w, args.get(0).dtype(), args);
    }
    throw p.error(t, "unknown function '" + w + "'");
  }

  private void arity(Token t, List<Expr> args, int n) {
    if (args.size() != n) throw p.error(t, "'" + t.text() + "' takes " + n + " argument" + (n == 1 ? "" : "s")
        + ", found " + args.size());
  }

  private Expr literal(Token t, boolean negative) {
    String w = t.text();
    if (t.kind() == Token.Kind.IDENT) {
      DType d = DType.parse(w.substring(4));
      if (d == null || !d.isFloat()) throw p.error(t, "unknown float dtype in '" + w + "'");
      if (w.startsWith("nan_")) return new FloatImm(d, Double.NaN);
      return new FloatImm(d, negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    Matcher m = NUMBER.matcher(w);
    if (!m.matches()) throw p.error(t, "malformed number '" + w + "'");
    String digits = (negative ? "-" : "") + m.group(1);
    boolean isFloat = m.group(2) != null || m.group(3) != null;
    DType d = m.group(4) == null ? (isFloat ? null : DType.I32) : DType.parse(m.group(4));
    if (d == null) {
      throw p.error(t, m.group(4) == null ? "a float constant needs a dtype suffix, as in '" + w + "f32'"
          : "unknown dtype suffix '" + m.group(4) + "'");
    }
    if (d.isFloat()) return new FloatImm(d, Double.parseDouble(digits));
    if (isFloat) throw p.error(t, "an integer constant of dtype " + d + " cannot have a fraction or exponent");
    try {
      return new IntImm(d, Long.parseLong(digits));
    } catch (NumberFormatException e) {
      throw p.error(t, "integer constant out of range: " + digits);
    }
  }
}

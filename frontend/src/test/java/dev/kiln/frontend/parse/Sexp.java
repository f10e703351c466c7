package dev.kiln.frontend.parse;

import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.BoolLit;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.frontend.ast.TypeRef;
import dev.kiln.frontend.ast.UnaryExpr;
import java.util.ArrayList;
import java.util.List;

/** Test helper: prints an expression fully parenthesised, so tests can state its tree shape. */
final class Sexp {
  private Sexp() {}

  static String of(Expr e) {
    return switch (e) {
      case Name n -> n.name();
      case IntLit i -> Long.toString(i.value());
      case FloatLit f -> f.text();
      case BoolLit b -> Boolean.toString(b.value());
      case StringLit s -> '"' + s.value() + '"';
      case UnaryExpr u -> "(" + u.op() + " " + of(u.operand()) + ")";
      case BinaryExpr b -> "(" + b.op() + " " + of(b.left()) + " " + of(b.right()) + ")";
      case CallExpr c -> {
        List<String> parts = new ArrayList<>();
        for (Expr a : c.args()) parts.add(of(a));
        for (NamedArg n : c.namedArgs()) parts.add(n.name().name() + ": " + of(n.value()));
        yield c.callee().name() + "(" + String.join(", ", parts) + ")";
      }
      case IndexExpr x -> {
        List<String> parts = new ArrayList<>();
        for (Subscript s : x.subscripts()) parts.add(of(s));
        yield of(x.base()) + "[" + String.join(", ", parts) + "]";
      }
      case ListExpr l -> {
        List<String> parts = new ArrayList<>();
        for (Expr a : l.elems()) parts.add(of(a));
        yield "[" + String.join(", ", parts) + "]";
      }
    };
  }

  static String of(Subscript s) {
    if (!s.slice()) return of(s.lo());
    return (s.lo() == null ? "" : of(s.lo())) + ":" + (s.hi() == null ? "" : of(s.hi()));
  }

  static String of(TypeRef t) {
    if (t.dims() == null) return t.elem();
    List<String> parts = new ArrayList<>();
    for (Expr d : t.dims()) parts.add(of(d));
    return t.elem() + "[" + String.join(", ", parts) + "]";
  }
}

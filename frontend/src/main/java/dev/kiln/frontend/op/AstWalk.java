package dev.kiln.frontend.op;

import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.frontend.ast.UnaryExpr;
import java.util.function.Consumer;

/** Visits every sub-expression of an AST expression in source order (pre-order). */
final class AstWalk {
  private AstWalk() {}

  static void forEach(Expr e, Consumer<Expr> visit) {
    if (e == null) return;
    visit.accept(e);
    switch (e) {
      case UnaryExpr u -> forEach(u.operand(), visit);
      case BinaryExpr b -> {
        forEach(b.left(), visit);
        forEach(b.right(), visit);
      }
      case CallExpr c -> {
        for (Expr a : c.args()) forEach(a, visit);
        for (NamedArg na : c.namedArgs()) forEach(na.value(), visit);
      }
      case IndexExpr ix -> {
        forEach(ix.base(), visit);
        for (Subscript s : ix.subscripts()) {
          forEach(s.lo(), visit);
          forEach(s.hi(), visit);
        }
      }
      case ListExpr l -> {
        for (Expr x : l.elems()) forEach(x, visit);
      }
      default -> { }
    }
  }
}

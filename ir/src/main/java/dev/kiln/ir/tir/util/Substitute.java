package dev.kiln.ir.tir.util;

import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import java.util.Map;

/**
 * Replaces uses of variables by expressions. Algorithm: one {@link StmtRewriter} pass whose
 * {@code rewriteVar} looks the variable up (by identity) in the map; binders are left alone, so the
 * caller substitutes only variables that are free in the node (variables are unique objects, so no
 * capture can happen). Unchanged subtrees are returned as the same objects.
 */
public final class Substitute {
  private Substitute() {}

  public static Expr expr(Expr e, Map<Var, ? extends Expr> map) {
    return map.isEmpty() ? e : new Subst(map).rewrite(e);
  }

  public static Stmt stmt(Stmt s, Map<Var, ? extends Expr> map) {
    return map.isEmpty() ? s : new Subst(map).rewrite(s);
  }

  private static final class Subst extends StmtRewriter {
    private final Map<Var, ? extends Expr> map;

    Subst(Map<Var, ? extends Expr> map) { this.map = map; }

    @Override protected Expr rewriteVar(Var v) {
      Expr r = map.get(v);
      if (r == null) return v;
      if (r.dtype() != v.dtype())
        throw new IllegalArgumentException("substituting " + r.dtype() + " for " + v + " of " + v.dtype());
      return r;
    }
  }
}

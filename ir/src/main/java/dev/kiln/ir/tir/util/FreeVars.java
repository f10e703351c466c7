package dev.kiln.ir.tir.util;

import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The variables a node uses but does not bind, in order of first use. Algorithm: one pre-order
 * walk collecting every used {@link Var} and every bound one (loop, let and block iteration
 * variables); the result is used minus bound. This is exact because variables are unique identity
 * objects, each bound at most once in well-formed IR. Buffer shapes are not part of the walk.
 */
public final class FreeVars {
  private FreeVars() {}

  public static Set<Var> of(Expr e) {
    Collector c = new Collector();
    c.walk(e);
    return Collections.unmodifiableSet(c.used);
  }

  public static Set<Var> of(Stmt s) {
    Collector c = new Collector();
    c.walk(s);
    c.used.removeIf(c.bound::containsKey);
    return Collections.unmodifiableSet(c.used);
  }

  /** Whether {@code e} uses {@code v}. */
  public static boolean uses(Expr e, Var v) { return of(e).contains(v); }

  private static final class Collector extends IrVisitor {
    final Set<Var> used = new LinkedHashSet<>();
    final IdentityHashMap<Var, Boolean> bound = new IdentityHashMap<>();

    @Override protected boolean visitStmt(Stmt s) {
      switch (s) {
        case For f -> bound.put(f.var(), true);
        case LetStmt l -> bound.put(l.var(), true);
        case BlockRealize br -> { for (IterVar iv : br.block().iterVars()) bound.put(iv.var(), true); }
        default -> { }
      }
      return true;
    }

    @Override protected boolean visitExpr(Expr e) {
      if (e instanceof Var v) used.add(v);
      return true;
    }
  }
}

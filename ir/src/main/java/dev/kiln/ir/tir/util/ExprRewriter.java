package dev.kiln.ir.tir.util;

import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * A functional rebuilder of expressions. {@link #rewrite(Expr)} dispatches on the node kind to an
 * overridable {@code rewriteX} method; the default of each rewrites the children and rebuilds the
 * node only when some child changed (compared by identity), so an unchanged subtree is returned
 * as the very same object. Override one case and call {@code super} (or not) for the rest.
 */
public class ExprRewriter {
  public Expr rewrite(Expr e) {
    return switch (e) {
      case IntImm i -> rewriteIntImm(i);
      case FloatImm f -> rewriteFloatImm(f);
      case Var v -> rewriteVar(v);
      case Load l -> rewriteLoad(l);
      case Binary b -> rewriteBinary(b);
      case Unary u -> rewriteUnary(u);
      case Select s -> rewriteSelect(s);
      case Cast c -> rewriteCast(c);
      case Call c -> rewriteCall(c);
    };
  }

  protected Expr rewriteIntImm(IntImm i) { return i; }

  protected Expr rewriteFloatImm(FloatImm f) { return f; }

  protected Expr rewriteVar(Var v) { return v; }

  protected Expr rewriteLoad(Load l) {
    List<Expr> idx = rewriteAll(l.indices());
    return idx == l.indices() ? l : new Load(l.buffer(), idx);
  }

  protected Expr rewriteBinary(Binary b) {
    Expr a = rewrite(b.a());
    Expr c = rewrite(b.b());
    return a == b.a() && c == b.b() ? b : new Binary(b.op(), a, c);
  }

  protected Expr rewriteUnary(Unary u) {
    Expr a = rewrite(u.a());
    return a == u.a() ? u : new Unary(u.op(), a);
  }

  protected Expr rewriteSelect(Select s) {
    Expr c = rewrite(s.cond());
    Expr t = rewrite(s.t());
    Expr f = rewrite(s.f());
    return c == s.cond() && t == s.t() && f == s.f() ? s : new Select(c, t, f);
  }

  protected Expr rewriteCast(Cast c) {
    Expr v = rewrite(c.value());
    return v == c.value() ? c : new Cast(c.dtype(), v);
  }

  protected Expr rewriteCall(Call c) {
    List<Expr> args = rewriteAll(c.args());
    return args == c.args() ? c : new Call(c.function(), c.dtype(), args);
  }

  /** Rewrites every element; returns the same list object when no element changed. */
  public final List<Expr> rewriteAll(List<Expr> es) {
    List<Expr> out = null;
    for (int i = 0; i < es.size(); i++) {
      Expr n = rewrite(es.get(i));
      if (n != es.get(i) && out == null) out = new ArrayList<>(es.subList(0, i));
      if (out != null) out.add(n);
    }
    return out == null ? es : List.copyOf(out);
  }
}

package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * {@code f(a, b, name: v)}: an op call, an elementwise function, {@code select}, a cast such as
 * {@code f32(x)} (callee named by the dtype), {@code zeros}/{@code ones}, or a reduction like
 * {@code max(p)}. Positional arguments come before named ones.
 */
public record CallExpr(Ident callee, List<Expr> args, List<NamedArg> namedArgs, Span span) implements Expr {
  public CallExpr {
    args = List.copyOf(args);
    namedArgs = List.copyOf(namedArgs);
  }
}

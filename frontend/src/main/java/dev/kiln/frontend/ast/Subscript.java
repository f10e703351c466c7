package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/**
 * One subscript: a point {@code e} ({@code slice == false}, {@code lo == e}) or a slice
 * {@code lo:hi} where either bound may be null ({@code :} alone takes the whole axis).
 */
public record Subscript(Expr lo, Expr hi, boolean slice, Span span) implements Node {
  public static Subscript point(Expr e) { return new Subscript(e, null, false, e.span()); }
}

package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** {@code v in lo .. hi} in a where clause: a half-open range of a reduction variable. */
public record WhereRange(Ident var, Expr lo, Expr hi, Span span) implements Node {}

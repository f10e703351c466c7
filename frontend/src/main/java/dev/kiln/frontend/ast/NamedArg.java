package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** {@code name: value} in a call. */
public record NamedArg(Ident name, Expr value, Span span) implements Node {}

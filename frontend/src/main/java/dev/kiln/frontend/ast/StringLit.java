package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** A string literal; {@code value} has escapes resolved. */
public record StringLit(String value, Span span) implements Expr {}

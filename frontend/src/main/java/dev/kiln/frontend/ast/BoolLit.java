package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** {@code true} or {@code false}. */
public record BoolLit(boolean value, Span span) implements Expr {}

package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** A floating-point literal such as {@code 3.5} or {@code 1e-5}; {@code text} is as written. */
public record FloatLit(double value, String text, Span span) implements Expr {}

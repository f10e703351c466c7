package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** An integer literal (non-negative; {@code -2} is a UnaryExpr). */
public record IntLit(long value, Span span) implements Expr {}

package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** {@code -e} or {@code !e}; {@code op} is "-" or "!". */
public record UnaryExpr(String op, Expr operand, Span span) implements Expr {}

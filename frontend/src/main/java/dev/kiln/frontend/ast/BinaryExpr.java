package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/**
 * {@code left op right}; {@code op} is one of {@code || && == != < <= > >= + - * / % @}.
 * Precedence, loosest first: {@code ||}, {@code &&}, comparisons, {@code + -}, {@code * / % @}.
 */
public record BinaryExpr(String op, Expr left, Expr right, Span span) implements Expr {}

package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** A reference to a name: a variable, tensor, dimension, attribute or axis. */
public record Name(String name, Span span) implements Expr {}

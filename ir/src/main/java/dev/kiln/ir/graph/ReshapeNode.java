package dev.kiln.ir.graph;

import dev.kiln.diag.Span;

/**
 * {@code result = reshape(src)}: the same elements in row-major order with the result's shape
 * (a view: no data moves). The element counts must agree; the runtime checks it when the shape is
 * symbolic.
 */
public record ReshapeNode(Value result, Value src, Span span) implements GNode {}

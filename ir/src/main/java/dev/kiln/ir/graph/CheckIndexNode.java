package dev.kiln.ir.graph;

import dev.kiln.diag.Span;

/** Fails at run time, at this node's span, unless {@code 0 <= index < dim(tensor, axis)} (for an index tensor: every element). */
public record CheckIndexNode(Value index, Value tensor, int axis, Span span) implements GNode {}

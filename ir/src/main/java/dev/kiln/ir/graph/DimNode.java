package dev.kiln.ir.graph;

import dev.kiln.diag.Span;

/** {@code result = dim(src, axis)}: a 0-d i32 tensor holding one dimension of a tensor. */
public record DimNode(Value result, Value src, int axis, Span span) implements GNode {}

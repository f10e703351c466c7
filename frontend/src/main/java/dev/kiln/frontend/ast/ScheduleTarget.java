package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** {@code op}, {@code model.op} or {@code model.op#N}; {@code model} and {@code use} may be null. */
public record ScheduleTarget(Ident model, Ident op, Integer use, Span span) implements Node {}

package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/**
 * A name with a type: an op input, output or attribute, or a model input/output.
 * {@code name} may be null for an unnamed model output; {@code defaultValue} is only for attributes.
 */
public record Param(Ident name, TypeRef type, Expr defaultValue, Span span) implements Node {}

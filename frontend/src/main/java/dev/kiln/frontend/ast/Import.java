package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** {@code import "std/nn"}: {@code path} is the string's value. */
public record Import(String path, Span span) implements Node {}

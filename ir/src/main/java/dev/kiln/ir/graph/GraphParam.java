package dev.kiln.ir.graph;

import dev.kiln.diag.Span;

/** A weight of the model: a value bound at load time from the weights file entry {@code key}. */
public record GraphParam(Value value, String key, Span span) {}

package dev.kiln.ir.tir;

/** A block iteration variable with its domain and kind. */
public record IterVar(Var var, Range dom, IterKind kind) {}

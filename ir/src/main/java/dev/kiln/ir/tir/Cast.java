package dev.kiln.ir.tir;

import dev.kiln.ir.DType;

/** Conversion to another dtype. Float to int truncates toward zero (as Java does). */
public record Cast(DType dtype, Expr value) implements Expr {}

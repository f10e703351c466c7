package dev.kiln.frontend.op;

import dev.kiln.diag.Span;
import dev.kiln.ir.tir.IterKind;

/**
 * An index variable of one statement with its half-open range {@code [min, min + extent)}:
 * spatial variables (on the left) range over the target's axes, reduction variables (only on
 * the right) over the dimensions they index or their {@code where} range.
 */
public record IndexVarInfo(String name, IterKind kind, TExpr min, TExpr extent, String extentText, Span span) {}

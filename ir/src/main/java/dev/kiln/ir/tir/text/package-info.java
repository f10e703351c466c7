/**
 * The text form of the loop-nest IR: {@link dev.kiln.ir.tir.text.TirPrinter} writes a PrimFunc
 * (or a statement or expression, for debugging) as readable, TVMScript-flavoured text and
 * {@link dev.kiln.ir.tir.text.TirParser} reads it back. The two round-trip exactly: printing the
 * parse of printed text gives the same text, and the parse is structurally equal to the original.
 * The syntax is described in {@code docs/ir.md}.
 */
package dev.kiln.ir.tir.text;

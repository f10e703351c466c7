/**
 * Utilities over the loop-nest IR: functional rewriters ({@link dev.kiln.ir.tir.util.ExprRewriter},
 * {@link dev.kiln.ir.tir.util.StmtRewriter}), variable substitution, free-variable analysis,
 * pre-order walkers and structural queries ({@link dev.kiln.ir.tir.util.IrQuery}), and the
 * arithmetic simplifier for i32 index expressions ({@link dev.kiln.ir.tir.util.Simplify}).
 */
package dev.kiln.ir.tir.util;

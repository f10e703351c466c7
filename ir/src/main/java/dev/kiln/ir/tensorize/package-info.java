/**
 * Tensor intrinsics and the {@code tensorize} matcher: a registry of descriptions (small loop-nest
 * IR functions over flat buffers whose scalar parameters are offsets, strides, extents and flags),
 * each paired with a runtime implementation, and the structural matcher that replaces a loop nest
 * by an {@link dev.kiln.ir.tir.IntrinsicCall} when it computes what a description computes.
 */
package dev.kiln.ir.tensorize;

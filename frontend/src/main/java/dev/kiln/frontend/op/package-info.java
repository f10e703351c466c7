/**
 * Semantic analysis and lowering of {@code op} definitions.
 *
 * <p>{@link dev.kiln.frontend.op.OpChecker} checks an {@link dev.kiln.frontend.ast.OpDecl}
 * (names, element types, symbolic dimensions, attributes, index-variable ranges, types, the
 * order of writes and reads, and a bounds proof of every read by
 * {@link dev.kiln.frontend.op.BoundsProver}) and produces an {@link dev.kiln.frontend.op.OpInfo}.
 * {@link dev.kiln.frontend.op.OpLowering} instantiates a checked op with attribute values and
 * builds its loop-nest {@link dev.kiln.ir.tir.PrimFunc}: one block per statement inside a root
 * block.
 */
package dev.kiln.frontend.op;

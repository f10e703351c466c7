package dev.kiln.ir.tir;

/** A statement of the loop-nest IR. */
public sealed interface Stmt permits For, Seq, Store, IfThenElse, LetStmt, BlockRealize, IntrinsicCall {}

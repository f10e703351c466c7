package dev.kiln.ir.tir;

/** Binds {@code var} to {@code value} within {@code body}. */
public record LetStmt(Var var, Expr value, Stmt body) implements Stmt {
  public LetStmt {
    if (var.dtype() != value.dtype()) throw new IllegalArgumentException("let of " + value.dtype() + " to " + var);
  }
}

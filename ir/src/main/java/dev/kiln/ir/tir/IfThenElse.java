package dev.kiln.ir.tir;

/** {@code if cond then [else otherwise]}; {@code otherwise} may be null. */
public record IfThenElse(Expr cond, Stmt then, Stmt otherwise) implements Stmt {
  public IfThenElse {
    if (!cond.dtype().isBool()) throw new IllegalArgumentException("if condition must be bool");
  }
}

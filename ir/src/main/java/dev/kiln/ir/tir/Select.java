package dev.kiln.ir.tir;

import dev.kiln.ir.DType;

/** {@code select(cond, t, f)}: only the taken branch is evaluated (so a guarded read is safe). */
public record Select(Expr cond, Expr t, Expr f) implements Expr {
  public Select {
    if (!cond.dtype().isBool()) throw new IllegalArgumentException("select condition must be bool");
    if (t.dtype() != f.dtype())
      throw new IllegalArgumentException("select branches differ: " + t.dtype() + " vs " + f.dtype());
  }

  @Override public DType dtype() { return t.dtype(); }
}

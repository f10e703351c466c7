package dev.kiln.ir.tir;

/** The half-open interval [min, min + extent). */
public record Range(Expr min, Expr extent) {
  public static Range of(long min, long extent) { return new Range(Expr.i32(min), Expr.i32(extent)); }
}

package dev.kiln.ir.tir;

public enum UnOp {
  NEG("-"), NOT("!");

  private final String symbol;
  UnOp(String symbol) { this.symbol = symbol; }
  public String symbol() { return symbol; }
}

package dev.kiln.ir.tir;

/**
 * Binary operators. DIV on integers is floor division (as in the Kiln language); MOD on integers
 * is floor modulo; on floats DIV is true division and MOD is the floored remainder.
 */
public enum BinOp {
  ADD("+", false), SUB("-", false), MUL("*", false), DIV("/", false), MOD("%", false),
  MIN("min", false), MAX("max", false), POW("pow", false),
  EQ("==", true), NE("!=", true), LT("<", true), LE("<=", true), GT(">", true), GE(">=", true),
  AND("&&", true), OR("||", true);

  private final String symbol;
  private final boolean yieldsBool;

  BinOp(String symbol, boolean yieldsBool) {
    this.symbol = symbol;
    this.yieldsBool = yieldsBool;
  }

  public String symbol() { return symbol; }
  public boolean yieldsBool() { return yieldsBool; }
  /** Written as a function call {@code min(a, b)} rather than infix. */
  public boolean isFunction() { return this == MIN || this == MAX || this == POW; }

  public static BinOp bySymbol(String s) {
    for (BinOp op : values()) if (op.symbol.equals(s)) return op;
    return null;
  }
}

package dev.kiln.runtime.plan;

/**
 * An integer expression over a kernel's size variables, used as a dimension pattern. Division
 * and modulo are floor division and floor modulo, as in the loop-nest IR.
 */
public sealed interface IntExpr {
  /** The value, with {@code sizes[k]} for {@code Size(k)}. */
  long eval(long[] sizes);

  record Const(long v) implements IntExpr {
    @Override
    public long eval(long[] sizes) {
      return v;
    }

    @Override
    public String toString() {
      return Long.toString(v);
    }
  }

  /** The kernel's size variable number {@code index}. */
  record Size(int index) implements IntExpr {
    @Override
    public long eval(long[] sizes) {
      return sizes[index];
    }

    @Override
    public String toString() {
      return "$" + index;
    }
  }

  record Add(IntExpr a, IntExpr b) implements IntExpr {
    @Override
    public long eval(long[] sizes) {
      return a.eval(sizes) + b.eval(sizes);
    }

    @Override
    public String toString() {
      return "(" + a + " + " + b + ")";
    }
  }

  record Sub(IntExpr a, IntExpr b) implements IntExpr {
    @Override
    public long eval(long[] sizes) {
      return a.eval(sizes) - b.eval(sizes);
    }

    @Override
    public String toString() {
      return "(" + a + " - " + b + ")";
    }
  }

  record Mul(IntExpr a, IntExpr b) implements IntExpr {
    @Override
    public long eval(long[] sizes) {
      return a.eval(sizes) * b.eval(sizes);
    }

    @Override
    public String toString() {
      return "(" + a + " * " + b + ")";
    }
  }

  /** Floor division; a zero divisor throws {@link ArithmeticException}. */
  record FloorDiv(IntExpr a, IntExpr b) implements IntExpr {
    @Override
    public long eval(long[] sizes) {
      return Math.floorDiv(a.eval(sizes), b.eval(sizes));
    }

    @Override
    public String toString() {
      return "(" + a + " / " + b + ")";
    }
  }

  /** Floor modulo; a zero divisor throws {@link ArithmeticException}. */
  record FloorMod(IntExpr a, IntExpr b) implements IntExpr {
    @Override
    public long eval(long[] sizes) {
      return Math.floorMod(a.eval(sizes), b.eval(sizes));
    }

    @Override
    public String toString() {
      return "(" + a + " % " + b + ")";
    }
  }
}

package dev.kiln.ir.tir.util;

/**
 * A closed integer interval [lo, hi] known to contain a value. {@link Long#MIN_VALUE} /
 * {@link Long#MAX_VALUE} stand for an unknown end. Used by {@link Simplify} to prove facts such as
 * {@code 0 <= x < c} that floor division and modulo rules need.
 */
public record Interval(long lo, long hi) {
  public static final Interval UNKNOWN = new Interval(Long.MIN_VALUE, Long.MAX_VALUE);

  public Interval {
    if (lo > hi) throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
  }

  public static Interval point(long v) { return new Interval(v, v); }

  /** The values of a loop or iteration variable over {@code [min, min + extent)}; null when empty. */
  public static Interval ofRange(long min, long extent) {
    return extent <= 0 ? null : new Interval(min, min + extent - 1);
  }

  public boolean isKnown() { return lo != Long.MIN_VALUE && hi != Long.MAX_VALUE; }

  boolean within(long a, long b) { return isKnown() && lo >= a && hi <= b; }

  Interval add(Interval o) {
    if (!isKnown() || !o.isKnown()) return UNKNOWN;
    try {
      return new Interval(Math.addExact(lo, o.lo), Math.addExact(hi, o.hi));
    } catch (ArithmeticException e) {
      return UNKNOWN;
    }
  }

  Interval mul(Interval o) {
    if (!isKnown() || !o.isKnown()) return UNKNOWN;
    try {
      long a = Math.multiplyExact(lo, o.lo), b = Math.multiplyExact(lo, o.hi);
      long c = Math.multiplyExact(hi, o.lo), d = Math.multiplyExact(hi, o.hi);
      return new Interval(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(a, b), Math.max(c, d)));
    } catch (ArithmeticException e) {
      return UNKNOWN;
    }
  }

  /** Floor division by a positive constant (monotone, so the ends map to the ends). */
  Interval floorDiv(long c) {
    return isKnown() ? new Interval(Math.floorDiv(lo, c), Math.floorDiv(hi, c)) : UNKNOWN;
  }
}

package dev.kiln.ir.tir.util;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The canonical form of an i32 expression: a sum of monomials with constant coefficients plus a
 * constant. A monomial is a sorted list of atoms (variables and non-linear subexpressions such as
 * loads, floor divisions or modulos that could not be resolved). Coefficients wrap as Java ints, so
 * the ring operations are exact in two's-complement arithmetic. Atoms are ordered by a stable key
 * (variables by creation id, other atoms by their text), which makes the form canonical.
 */
final class Poly {
  private final Map<List<Expr>, Integer> terms;
  private final int constant;

  private Poly(Map<List<Expr>, Integer> terms, int constant) {
    this.terms = terms;
    this.constant = constant;
  }

  static Poly constant(long c) { return new Poly(Map.of(), (int) c); }

  static Poly atom(Expr e) {
    LinkedHashMap<List<Expr>, Integer> t = new LinkedHashMap<>();
    t.put(List.of(e), 1);
    return new Poly(t, 0);
  }

  boolean isConstant() { return terms.isEmpty(); }

  int constantPart() { return constant; }

  Map<List<Expr>, Integer> terms() { return terms; }

  /** The single atom of {@code 1*atom + 0}, or null. */
  Expr singleAtom() {
    if (constant != 0 || terms.size() != 1) return null;
    Map.Entry<List<Expr>, Integer> e = terms.entrySet().iterator().next();
    return e.getValue() == 1 && e.getKey().size() == 1 ? e.getKey().get(0) : null;
  }

  Poly add(Poly o) {
    LinkedHashMap<List<Expr>, Integer> t = new LinkedHashMap<>(terms);
    for (Map.Entry<List<Expr>, Integer> e : o.terms.entrySet()) t.merge(e.getKey(), e.getValue(), Integer::sum);
    t.values().removeIf(v -> v == 0);
    return new Poly(t, constant + o.constant);
  }

  Poly scale(int c) {
    if (c == 0) return constant(0);
    LinkedHashMap<List<Expr>, Integer> t = new LinkedHashMap<>();
    for (Map.Entry<List<Expr>, Integer> e : terms.entrySet()) {
      int v = e.getValue() * c;
      if (v != 0) t.put(e.getKey(), v);
    }
    return new Poly(t, constant * c);
  }

  Poly sub(Poly o) { return add(o.scale(-1)); }

  Poly mul(Poly o) {
    if (o.isConstant()) return scale(o.constant);
    if (isConstant()) return o.scale(constant);
    Poly acc = o.scale(constant);
    for (Map.Entry<List<Expr>, Integer> e : terms.entrySet()) {
      acc = acc.add(monomial(e.getKey(), e.getValue() * o.constant));
      for (Map.Entry<List<Expr>, Integer> f : o.terms.entrySet()) {
        List<Expr> m = new ArrayList<>(e.getKey());
        m.addAll(f.getKey());
        m.sort(ATOM_ORDER);
        acc = acc.add(monomial(m, e.getValue() * f.getValue()));
      }
    }
    return acc;
  }

  private static Poly monomial(List<Expr> atoms, int coef) {
    if (coef == 0) return constant(0);
    LinkedHashMap<List<Expr>, Integer> t = new LinkedHashMap<>();
    t.put(List.copyOf(atoms), coef);
    return new Poly(t, 0);
  }

  /** Splits into (quotient, remainder) with this = c*quotient + remainder, keeping divisible terms in the quotient. */
  Poly[] divideOut(int c) {
    LinkedHashMap<List<Expr>, Integer> q = new LinkedHashMap<>();
    LinkedHashMap<List<Expr>, Integer> r = new LinkedHashMap<>();
    for (Map.Entry<List<Expr>, Integer> e : terms.entrySet()) {
      if (e.getValue() % c == 0) q.put(e.getKey(), e.getValue() / c);
      else r.put(e.getKey(), e.getValue());
    }
    return new Poly[] {new Poly(q, Math.floorDiv(constant, c)), new Poly(r, Math.floorMod(constant, c))};
  }

  /** The bounds of this value given the bounds of its atoms. */
  Interval interval(Function<Expr, Interval> atomBounds) {
    Interval acc = Interval.point(constant);
    for (Map.Entry<List<Expr>, Integer> e : terms.entrySet()) {
      Interval m = Interval.point(e.getValue());
      for (Expr a : e.getKey()) m = m.mul(atomBounds.apply(a));
      acc = acc.add(m);
      if (!acc.isKnown()) return Interval.UNKNOWN;
    }
    return acc;
  }

  /**
   * Rebuilds an expression: monomials in canonical order, positive terms first, then negative
   * terms subtracted, then the constant ({@code + c} or {@code - c}).
   */
  Expr toExpr() {
    List<Map.Entry<List<Expr>, Integer>> sorted = new ArrayList<>(terms.entrySet());
    sorted.sort((x, y) -> MONOMIAL_ORDER.compare(x.getKey(), y.getKey()));
    Expr acc = null;
    for (Map.Entry<List<Expr>, Integer> e : sorted) {
      if (e.getValue() > 0) acc = acc == null ? term(e.getKey(), e.getValue()) : bin(BinOp.ADD, acc, term(e.getKey(), e.getValue()));
    }
    if (acc == null && constant > 0) acc = Expr.i32(constant);
    boolean constantUsed = acc != null && terms.values().stream().noneMatch(v -> v > 0);
    for (Map.Entry<List<Expr>, Integer> e : sorted) {
      if (e.getValue() < 0) {
        if (acc == null) acc = term(e.getKey(), e.getValue());
        else acc = bin(BinOp.SUB, acc, term(e.getKey(), -e.getValue()));
      }
    }
    if (acc == null) return Expr.i32(constant);
    if (!constantUsed && constant > 0) acc = bin(BinOp.ADD, acc, Expr.i32(constant));
    if (constant < 0 && constant != Integer.MIN_VALUE) acc = bin(BinOp.SUB, acc, Expr.i32(-constant));
    else if (constant == Integer.MIN_VALUE) acc = bin(BinOp.ADD, acc, Expr.i32(constant));
    return acc;
  }

  private static Expr term(List<Expr> atoms, int coef) {
    Expr acc = atoms.get(0);
    for (int i = 1; i < atoms.size(); i++) acc = bin(BinOp.MUL, acc, atoms.get(i));
    return coef == 1 ? acc : bin(BinOp.MUL, acc, Expr.i32(coef));
  }

  private static Expr bin(BinOp op, Expr a, Expr b) { return new Binary(op, a, b); }

  /**
   * Variables sort first, by creation order (stable across a replay, which creates them in the
   * same order); other atoms after them, by a rendering that uses variable names, not ids, so the
   * order does not depend on how many variables the JVM created before.
   */
  private static String atomKey(Expr e) {
    return e instanceof Var v ? String.format("0:%019d", v.id()) : "1:" + text(e);
  }

  private static String text(Expr e) {
    return switch (e) {
      case Var v -> v.name();
      case IntImm i -> Long.toString(i.value());
      case FloatImm f -> Double.toString(f.value());
      case Load l -> l.buffer().name() + l.indices().stream().map(Poly::text).toList();
      case Binary b -> "(" + text(b.a()) + " " + b.op().symbol() + " " + text(b.b()) + ")";
      case Unary u -> u.op().symbol() + text(u.a());
      case Select s -> "select(" + text(s.cond()) + ", " + text(s.t()) + ", " + text(s.f()) + ")";
      case Cast c -> c.dtype() + "(" + text(c.value()) + ")";
      case Call c -> c.function() + c.args().stream().map(Poly::text).toList();
    };
  }

  static final Comparator<Expr> ATOM_ORDER = Comparator.comparing(Poly::atomKey);

  static final Comparator<List<Expr>> MONOMIAL_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = ATOM_ORDER.compare(a.get(i), b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  };
}

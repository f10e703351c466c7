package dev.kiln.importer.onnx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tensor dimension known at import time: a constant, a named dimension of the model, or an
 * integer expression of them.
 *
 * <p>Algorithm. A Dim is kept in canonical form: a sum of monomials with non-zero integer
 * coefficients plus a constant. A monomial is a sorted product of atoms; an atom is a named
 * dimension or a floor quotient {@code (n) / c} (c &gt; 1) that does not simplify. Floor division
 * by a constant uses only {@code (c*q + r) / c = q + r / c} for integer q (true for floor
 * division on all integers): the terms divisible by c leave the quotient, the rest becomes one
 * atom, or a number when it is constant. Exact division by a monomial (for a reshape's -1) succeeds
 * only when every term contains the monomial. The canonical Kiln text ({@code B * T + 1},
 * {@code (H - 1) / 2 + 1}) is the identity: two Dims are equal when their texts are.
 */
public final class Dim {
  /** A factor of a monomial. */
  private sealed interface Atom permits Sym, Quot {
    String key();
  }

  private record Sym(String name) implements Atom {
    @Override public String key() { return name; }
  }

  private record Quot(Dim num, long den) implements Atom {
    @Override public String key() { return (num.isSymbol() ? num.text : "(" + num.text + ")") + " / " + den; }
  }

  private record Term(List<Atom> atoms, long coef) {}

  private static final Comparator<Atom> ORDER = Comparator.comparing(Atom::key);

  private final TreeMap<String, Term> terms;
  private final long constant;
  private final String text;

  private Dim(TreeMap<String, Term> terms, long constant) {
    this.terms = terms;
    this.constant = constant;
    this.text = render();
  }

  public static Dim of(long value) {
    return new Dim(new TreeMap<>(), value);
  }

  /** A named dimension (the name is already a Kiln identifier). */
  public static Dim sym(String name) {
    return monomial(List.of(new Sym(name)), 1);
  }

  private static Dim monomial(List<Atom> atoms, long coef) {
    TreeMap<String, Term> t = new TreeMap<>();
    if (coef != 0) t.put(key(atoms), new Term(atoms, coef));
    return new Dim(t, 0);
  }

  private static String key(List<Atom> atoms) {
    StringBuilder b = new StringBuilder();
    for (Atom a : atoms) b.append(b.isEmpty() ? "" : " * ").append(a.key());
    return b.toString();
  }

  public boolean isConstant() { return terms.isEmpty(); }

  /** The value of a constant Dim. */
  public long value() {
    if (!isConstant()) throw new IllegalStateException("not a constant: " + text);
    return constant;
  }

  /** True for a Dim that is exactly one named dimension. */
  public boolean isSymbol() {
    if (constant != 0 || terms.size() != 1) return false;
    Term t = terms.firstEntry().getValue();
    return t.coef == 1 && t.atoms.size() == 1 && t.atoms.get(0) instanceof Sym;
  }

  public Dim plus(Dim o) {
    TreeMap<String, Term> t = new TreeMap<>(terms);
    for (Map.Entry<String, Term> e : o.terms.entrySet()) {
      Term mine = t.get(e.getKey());
      long c = (mine == null ? 0 : mine.coef) + e.getValue().coef;
      if (c == 0) t.remove(e.getKey());
      else t.put(e.getKey(), new Term(e.getValue().atoms, c));
    }
    return new Dim(t, constant + o.constant);
  }

  public Dim plus(long c) { return plus(of(c)); }

  public Dim times(long c) {
    if (c == 0) return of(0);
    TreeMap<String, Term> t = new TreeMap<>();
    for (Map.Entry<String, Term> e : terms.entrySet()) t.put(e.getKey(), new Term(e.getValue().atoms, e.getValue().coef * c));
    return new Dim(t, constant * c);
  }

  public Dim minus(Dim o) { return plus(o.times(-1)); }

  public Dim times(Dim o) {
    if (o.isConstant()) return times(o.constant);
    if (isConstant()) return o.times(constant);
    Dim acc = o.times(constant);
    for (Term a : terms.values()) {
      acc = acc.plus(monomial(a.atoms, a.coef).timesTerms(o));
    }
    return acc;
  }

  /** This single monomial times every term (and the constant) of {@code o}. */
  private Dim timesTerms(Dim o) {
    Term a = terms.firstEntry().getValue();
    Dim acc = monomial(a.atoms, a.coef * o.constant);
    for (Term b : o.terms.values()) {
      List<Atom> atoms = new ArrayList<>(a.atoms);
      atoms.addAll(b.atoms);
      atoms.sort(ORDER);
      acc = acc.plus(monomial(atoms, a.coef * b.coef));
    }
    return acc;
  }

  /** Floor division by a positive constant. */
  public Dim floorDiv(long c) {
    if (c <= 0) throw new IllegalArgumentException("floor division by " + c);
    if (c == 1) return this;
    TreeMap<String, Term> q = new TreeMap<>();
    TreeMap<String, Term> r = new TreeMap<>();
    for (Map.Entry<String, Term> e : terms.entrySet()) {
      Term t = e.getValue();
      if (t.coef % c == 0) q.put(e.getKey(), new Term(t.atoms, t.coef / c));
      else r.put(e.getKey(), t);
    }
    Dim quotient = new Dim(q, 0);
    if (r.isEmpty()) return quotient.plus(Math.floorDiv(constant, c));
    // (c*q' + r) / c = q' + r / c: move the multiples of c in the constant out as well.
    long k = Math.floorDiv(constant, c);
    Dim rest = new Dim(r, constant - k * c);
    return quotient.plus(k).plus(monomial(List.of(new Quot(rest, c)), 1));
  }

  /** {@code this / d} when it divides exactly (d a constant or a single monomial); else null. */
  public Dim exactDiv(Dim d) {
    if (d.isConstant()) {
      long c = d.constant;
      if (c == 0) return null;
      if (constant % c != 0) return null;
      TreeMap<String, Term> t = new TreeMap<>();
      for (Map.Entry<String, Term> e : terms.entrySet()) {
        if (e.getValue().coef % c != 0) return null;
        t.put(e.getKey(), new Term(e.getValue().atoms, e.getValue().coef / c));
      }
      return new Dim(t, constant / c);
    }
    if (d.constant != 0 || d.terms.size() != 1 || constant != 0) return null;
    Term div = d.terms.firstEntry().getValue();
    Dim acc = of(0);
    for (Term t : terms.values()) {
      if (t.coef % div.coef != 0) return null;
      List<Atom> rest = new ArrayList<>(t.atoms);
      for (Atom a : div.atoms) {
        if (!rest.remove(a)) return null;
      }
      long q = t.coef / div.coef;
      acc = acc.plus(rest.isEmpty() ? of(q) : monomial(rest, q));
    }
    return acc;
  }

  /** The Kiln text of this dimension, as written in a shape list. */
  public String text() { return text; }

  private String render() {
    StringBuilder b = new StringBuilder();
    for (Term t : terms.values()) {
      long c = t.coef;
      if (b.isEmpty()) {
        if (c < 0) b.append("-");
      } else {
        b.append(c < 0 ? " - " : " + ");
      }
      long a = Math.abs(c);
      boolean product = a != 1 || t.atoms.size() > 1;
      List<String> factors = new ArrayList<>();
      if (a != 1) factors.add(Long.toString(a));
      for (Atom atom : t.atoms) {
        factors.add(atom instanceof Quot && product ? "(" + atom.key() + ")" : atom.key());
      }
      b.append(String.join(" * ", factors));
    }
    if (b.isEmpty()) return Long.toString(constant);
    if (constant > 0) b.append(" + ").append(constant);
    if (constant < 0) b.append(" - ").append(-constant);
    return b.toString();
  }

  @Override public boolean equals(Object o) { return o instanceof Dim d && d.text.equals(text); }

  @Override public int hashCode() { return text.hashCode(); }

  @Override public String toString() { return text; }
}

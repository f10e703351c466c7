package dev.kiln.frontend.op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An integer polynomial over atoms, the term language of {@link BoundsProver}. An atom is a
 * symbol (an index variable, or a size: a dimension or an attribute of unknown value) or a floor
 * quotient {@code floor(num / den)} whose denominator is a positive constant or one size symbol.
 * Polynomials are kept in a canonical form (monomials as sorted factor lists, no zero
 * coefficients, floor quotients normalized by {@link #floorDiv}), so equal expressions compare
 * equal. Arithmetic overflow throws {@link ArithmeticException}.
 */
final class Poly {
  /** A factor of a monomial. */
  sealed interface Atom permits Sym, FloorDiv {
    String key();
  }

  /** A symbol; {@code index} tells an index variable from a size (dimension or attribute). */
  record Sym(String name, boolean index) implements Atom {
    @Override public String key() { return (index ? "i:" : "s:") + name; }
    @Override public String toString() { return name; }
  }

  /** {@code floor(num / den)}. */
  record FloorDiv(Poly num, Poly den) implements Atom {
    @Override public String key() { return "f:(" + num.key() + ")/(" + den.key() + ")"; }
    @Override public String toString() { return "floor((" + num + ") / (" + den + "))"; }
  }

  /** A product of atoms, sorted by key; the empty product is 1. */
  record Mono(List<Atom> factors) {
    static final Mono ONE = new Mono(List.of());

    Mono {
      List<Atom> sorted = new ArrayList<>(factors);
      sorted.sort(Comparator.comparing(Atom::key));
      factors = List.copyOf(sorted);
    }

    Mono times(Mono o) {
      List<Atom> all = new ArrayList<>(factors);
      all.addAll(o.factors);
      return new Mono(all);
    }

    int count(Atom a) {
      int n = 0;
      for (Atom f : factors) if (f.equals(a)) n++;
      return n;
    }

    /** This monomial with one occurrence of {@code a} removed. */
    Mono without(Atom a) {
      List<Atom> rest = new ArrayList<>(factors);
      rest.remove(a);
      return new Mono(rest);
    }

    String key() {
      StringBuilder sb = new StringBuilder();
      for (Atom a : factors) sb.append(a.key()).append('*');
      return sb.toString();
    }
  }

  static final Poly ZERO = new Poly(Map.of());

  private final Map<Mono, Long> terms;

  private Poly(Map<Mono, Long> terms) { this.terms = Map.copyOf(terms); }

  static Poly constant(long c) { return c == 0 ? ZERO : new Poly(Map.of(Mono.ONE, c)); }

  static Poly of(Atom a) { return new Poly(Map.of(new Mono(List.of(a)), 1L)); }

  static Poly sym(String name, boolean index) { return of(new Sym(name, index)); }

  /** The monomials with their (nonzero) coefficients. */
  Map<Mono, Long> terms() { return terms; }

  boolean isConstant() { return terms.isEmpty() || (terms.size() == 1 && terms.containsKey(Mono.ONE)); }

  long constantTerm() { return terms.getOrDefault(Mono.ONE, 0L); }

  Poly add(Poly o) {
    Map<Mono, Long> m = new HashMap<>(terms);
    o.terms.forEach((k, v) -> m.merge(k, v, Math::addExact));
    m.values().removeIf(v -> v == 0);
    return new Poly(m);
  }

  Poly neg() { return scale(-1); }

  Poly sub(Poly o) { return add(o.neg()); }

  Poly scale(long c) {
    if (c == 0) return ZERO;
    Map<Mono, Long> m = new HashMap<>();
    terms.forEach((k, v) -> m.put(k, Math.multiplyExact(v, c)));
    return new Poly(m);
  }

  Poly mul(Poly o) {
    Map<Mono, Long> m = new HashMap<>();
    for (var a : terms.entrySet())
      for (var b : o.terms.entrySet())
        m.merge(a.getKey().times(b.getKey()), Math.multiplyExact(a.getValue(), b.getValue()), Math::addExact);
    m.values().removeIf(v -> v == 0);
    return new Poly(m);
  }

  /** The atoms that occur as factors of this polynomial's monomials (not inside floor quotients). */
  Set<Atom> atoms() {
    Set<Atom> s = new LinkedHashSet<>();
    List<Mono> monos = new ArrayList<>(terms.keySet());
    monos.sort(Comparator.comparing(Mono::key));
    for (Mono m : monos) s.addAll(m.factors());
    return s;
  }

  /** Whether an index variable occurs anywhere, also inside floor quotients. */
  boolean mentionsIndex() {
    for (Mono m : terms.keySet())
      for (Atom a : m.factors()) {
        if (a instanceof Sym s && s.index()) return true;
        if (a instanceof FloorDiv f && (f.num.mentionsIndex() || f.den.mentionsIndex())) return true;
      }
    return false;
  }

  /** This polynomial with every occurrence of atom {@code a} (at the top level) replaced by {@code r}. */
  Poly substitute(Atom a, Poly r) {
    Poly out = ZERO;
    for (var t : terms.entrySet()) {
      Poly p = constant(t.getValue());
      List<Atom> rest = new ArrayList<>();
      for (Atom f : t.getKey().factors()) {
        if (f.equals(a)) p = p.mul(r);
        else rest.add(f);
      }
      out = out.add(p.mul(new Poly(Map.of(new Mono(rest), 1L))));
    }
    return out;
  }

  /** The single size symbol this polynomial is, or null. */
  Sym asSizeSymbol() {
    if (terms.size() != 1) return null;
    var e = terms.entrySet().iterator().next();
    if (e.getValue() != 1 || e.getKey().factors().size() != 1) return null;
    return e.getKey().factors().get(0) instanceof Sym s && !s.index() ? s : null;
  }

  /**
   * {@code floor(num / den)} in canonical form, or null when {@code den} is neither a positive
   * constant nor a single size symbol. With a constant denominator c, the part of {@code num}
   * whose coefficients are multiples of c is divided out exactly
   * ({@code floor((c*q + r) / c) = q + floor(r / c)}); a constant remainder folds away.
   */
  static Poly floorDiv(Poly num, Poly den) {
    if (den.isConstant()) {
      long c = den.constantTerm();
      if (c <= 0) return null;
      if (c == 1) return num;
      Poly q = ZERO;
      Poly r = ZERO;
      for (var t : num.terms.entrySet()) {
        Poly m = new Poly(Map.of(t.getKey(), 1L));
        q = q.add(m.scale(Math.floorDiv(t.getValue(), c)));
        r = r.add(m.scale(Math.floorMod(t.getValue(), c)));
      }
      if (r.isConstant()) return q.add(constant(Math.floorDiv(r.constantTerm(), c)));
      return q.add(of(new FloorDiv(r, den)));
    }
    if (den.asSizeSymbol() == null) return null;
    if (num.terms.isEmpty()) return ZERO;
    boolean divisible = true;
    for (Mono m : num.terms.keySet()) if (m.count(den.asSizeSymbol()) == 0) divisible = false;
    if (divisible) return num.substituteOnce(den.asSizeSymbol());
    return of(new FloorDiv(num, den));
  }

  /** Divides every monomial by one occurrence of {@code s} (each must contain it). */
  private Poly substituteOnce(Sym s) {
    Map<Mono, Long> m = new HashMap<>();
    terms.forEach((k, v) -> m.put(k.without(s), v));
    return new Poly(m);
  }

  String key() {
    List<String> parts = new ArrayList<>();
    terms.forEach((k, v) -> parts.add(v + "*" + k.key()));
    parts.sort(null);
    return String.join("+", parts);
  }

  @Override public boolean equals(Object o) { return o instanceof Poly p && terms.equals(p.terms); }

  @Override public int hashCode() { return Objects.hash(terms); }

  @Override public String toString() {
    if (terms.isEmpty()) return "0";
    List<Mono> monos = new ArrayList<>(terms.keySet());
    monos.sort(Comparator.comparing((Mono m) -> m.factors().isEmpty()).thenComparing(Mono::key));
    StringBuilder sb = new StringBuilder();
    for (Mono m : monos) {
      long c = terms.get(m);
      if (sb.length() > 0) sb.append(c < 0 ? " - " : " + ");
      else if (c < 0) sb.append('-');
      long a = Math.abs(c);
      List<String> fs = new ArrayList<>();
      for (Atom f : m.factors()) fs.add(f.toString());
      if (fs.isEmpty()) sb.append(a);
      else sb.append(a == 1 ? "" : a + "*").append(String.join("*", fs));
    }
    return sb.toString();
  }
}

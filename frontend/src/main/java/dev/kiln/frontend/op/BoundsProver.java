package dev.kiln.frontend.op;

import dev.kiln.frontend.op.Poly.Atom;
import dev.kiln.frontend.op.Poly.FloorDiv;
import dev.kiln.frontend.op.Poly.Mono;
import dev.kiln.frontend.op.Poly.Sym;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small prover of {@code p >= 0} for integer polynomials ({@link Poly}) over index variables,
 * sizes and floor quotients, used to show that every read of an op is in bounds.
 *
 * <p>Facts: every size symbol has a lower bound (dimensions are at least 1; attributes of
 * unknown value at least 0, or 1 when used as a divisor); every index variable has bounds of the
 * form {@code k*v >= L} and {@code k*v <= U} (its range, and facts {@code f >= 0} from the
 * conditions of enclosing {@code select}s, each solved for every variable that occurs in it
 * linearly and alone); every floor quotient {@code F = floor(x / c)} satisfies
 * {@code c*F <= x} and {@code c*F >= x - c + 1}.
 *
 * <p>Algorithm: compute a lower bound of {@code p} that is free of index variables and floor
 * quotients by substitution, then check it. Atoms are eliminated in this order: floor quotients
 * whose numerator mentions an index variable, then index variables, then the remaining floor
 * quotients. To eliminate atom {@code a} with bound factor {@code k}, every term {@code c*a*r}
 * (where the rest {@code r} must be a product of sizes, hence {@code >= 0}) takes a lower bound
 * of {@code k*a} when {@code c > 0} and an upper bound when {@code c < 0}; when {@code c} is not
 * a multiple of a constant {@code k} the whole polynomial is first multiplied by {@code k} (the
 * constant multiplier {@code m} is remembered), and when {@code k} is a size symbol the whole
 * polynomial is multiplied by it. An index variable with several bounds on one side is tried
 * with each (depth-first, within a fixed budget). The final polynomial over sizes is shifted so
 * every size starts at 0 ({@code s = min + t}); it is proved non-negative when all non-constant
 * coefficients are {@code >= 0} and the constant is {@code > -m} — since {@code m*p} is at least
 * that constant and {@code p} is an integer, {@code p > -1}, so {@code p >= 0}. The prover is
 * sound and incomplete: false means "not proved".
 */
final class BoundsProver {
  /** {@code k*x >= value} (a lower bound) or {@code k*x <= value} (an upper bound). */
  record Bound(Poly k, Poly value) {}

  private record Step(Poly p, long m) {}

  private static final int BUDGET = 4000;
  private static final int MAX_DEPTH = 40;

  private final Map<String, Long> sizeMin;
  private final Map<Sym, List<Bound>> lowers;
  private final Map<Sym, List<Bound>> uppers;
  private int budget;

  /** A prover that knows the lower bound of every size symbol by name. */
  BoundsProver(Map<String, Long> sizeMin) {
    this(Map.copyOf(sizeMin), Map.of(), Map.of());
  }

  private BoundsProver(Map<String, Long> sizeMin, Map<Sym, List<Bound>> lowers, Map<Sym, List<Bound>> uppers) {
    this.sizeMin = sizeMin;
    this.lowers = lowers;
    this.uppers = uppers;
  }

  /** A prover that also knows {@code min <= v < min + extent}. */
  BoundsProver withRange(String var, Poly min, Poly extent) {
    Sym v = new Sym(var, true);
    BoundsProver r = with(v, new Bound(Poly.constant(1), min), true);
    return r.with(v, new Bound(Poly.constant(1), min.add(extent).sub(Poly.constant(1))), false);
  }

  /** A prover that also knows {@code f >= 0}, solved for each variable occurring in it linearly and alone. */
  BoundsProver withFact(Poly f) {
    BoundsProver r = this;
    for (Atom a : f.atoms()) {
      if (!(a instanceof Sym v) || !v.index()) continue;
      Mono alone = new Mono(List.of(v));
      boolean linear = true;
      for (Mono m : f.terms().keySet()) if (!m.equals(alone) && m.count(v) > 0) linear = false;
      if (!linear) continue;
      long c = f.terms().get(alone);
      Poly rest = f.sub(Poly.of(v).scale(c));
      // f = c*v + rest >= 0
      r = c > 0 ? r.with(v, new Bound(Poly.constant(c), rest.neg()), true)
          : r.with(v, new Bound(Poly.constant(-c), rest), false);
    }
    return r;
  }

  private BoundsProver with(Sym v, Bound b, boolean lower) {
    Map<Sym, List<Bound>> m = new HashMap<>(lower ? lowers : uppers);
    List<Bound> l = new ArrayList<>();
    l.add(b); // the newest (most specific) fact is tried first
    l.addAll(m.getOrDefault(v, List.of()));
    m.put(v, List.copyOf(l));
    return lower ? new BoundsProver(sizeMin, Map.copyOf(m), uppers) : new BoundsProver(sizeMin, lowers, Map.copyOf(m));
  }

  /** Whether {@code p >= 0} holds for all values allowed by the facts. */
  boolean proveNonNegative(Poly p) {
    budget = BUDGET;
    try {
      return search(p, 1, 0);
    } catch (ArithmeticException overflow) {
      return false;
    }
  }

  private boolean search(Poly p, long m, int depth) {
    if (--budget < 0 || depth > MAX_DEPTH) return false;
    for (Atom a : p.atoms())
      if (a instanceof FloorDiv f && f.num().mentionsIndex()) return eliminateFloor(p, f, m, depth);
    for (Atom a : p.atoms()) {
      if (!(a instanceof Sym v) || !v.index()) continue;
      boolean needLower = false;
      boolean needUpper = false;
      for (var t : p.terms().entrySet()) {
        if (t.getKey().count(v) == 0) continue;
        if (t.getValue() > 0) needLower = true;
        else needUpper = true;
      }
      List<Bound> los = needLower ? lowers.getOrDefault(v, List.of()) : Collections.singletonList(null);
      List<Bound> his = needUpper ? uppers.getOrDefault(v, List.of()) : Collections.singletonList(null);
      for (Bound lo : los)
        for (Bound hi : his) {
          Step s = eliminate(p, v, lo, hi, m);
          if (s != null && search(s.p(), s.m(), depth + 1)) return true;
        }
      return false;
    }
    for (Atom a : p.atoms()) if (a instanceof FloorDiv f) return eliminateFloor(p, f, m, depth);
    return finalCheck(p, m);
  }

  private boolean eliminateFloor(Poly p, FloorDiv f, long m, int depth) {
    Bound lo = new Bound(f.den(), f.num().sub(f.den()).add(Poly.constant(1)));
    Bound hi = new Bound(f.den(), f.num());
    Step s = eliminate(p, f, lo, hi, m);
    return s != null && search(s.p(), s.m(), depth + 1);
  }

  /**
   * Replaces every term {@code c*a*r} by {@code (c/k)*bound*r}, using {@code lo} where c > 0 and
   * {@code hi} where c < 0, after scaling {@code p} so each such c is a multiple of k (or each
   * term holds the size symbol k). Null when a needed bound is missing or a term's rest is not
   * known to be non-negative.
   */
  private Step eliminate(Poly p, Atom a, Bound lo, Bound hi, long m) {
    for (int round = 0; round < 8; round++) {
      boolean rescaled = false;
      for (var t : p.terms().entrySet()) {
        Mono mono = t.getKey();
        if (mono.count(a) == 0) continue;
        if (mono.count(a) > 1 || !nonNegative(mono.without(a))) return null;
        Bound b = t.getValue() > 0 ? lo : hi;
        if (b == null) return null;
        if (b.k().isConstant()) {
          long k = b.k().constantTerm();
          long c = Math.abs(t.getValue());
          if (c % k != 0) {
            long f = k / gcd(c, k);
            p = p.scale(f);
            m = Math.multiplyExact(m, f);
            rescaled = true;
            break;
          }
        } else if (mono.without(a).count(b.k().asSizeSymbol()) == 0) {
          p = p.mul(b.k());
          rescaled = true;
          break;
        }
      }
      if (!rescaled) return new Step(substitute(p, a, lo, hi), m);
    }
    return null;
  }

  private static Poly substitute(Poly p, Atom a, Bound lo, Bound hi) {
    Poly out = Poly.ZERO;
    for (var t : p.terms().entrySet()) {
      Mono mono = t.getKey();
      Poly term;
      if (mono.count(a) == 0) {
        term = monomial(mono).scale(t.getValue());
      } else {
        Bound b = t.getValue() > 0 ? lo : hi;
        Mono rest = mono.without(a);
        if (b.k().isConstant()) {
          term = b.value().mul(monomial(rest)).scale(t.getValue() / b.k().constantTerm());
        } else {
          term = b.value().mul(monomial(rest.without(b.k().asSizeSymbol()))).scale(t.getValue());
        }
      }
      out = out.add(term);
    }
    return out;
  }

  private static Poly monomial(Mono m) {
    Poly r = Poly.constant(1);
    for (Atom a : m.factors()) r = r.mul(Poly.of(a));
    return r;
  }

  private boolean nonNegative(Mono rest) {
    for (Atom f : rest.factors()) {
      if (!(f instanceof Sym s) || s.index()) return false;
      if (sizeMin.getOrDefault(s.name(), -1L) < 0) return false;
    }
    return true;
  }

  private boolean finalCheck(Poly p, long m) {
    for (Atom a : p.atoms()) {
      if (!(a instanceof Sym s) || s.index() || !sizeMin.containsKey(s.name())) return false;
      p = p.substitute(s, Poly.of(s).add(Poly.constant(sizeMin.get(s.name()))));
    }
    for (var t : p.terms().entrySet()) if (!t.getKey().factors().isEmpty() && t.getValue() < 0) return false;
    return p.constantTerm() > -m;
  }

  private static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }
}

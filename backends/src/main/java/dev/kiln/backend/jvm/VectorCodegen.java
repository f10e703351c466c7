package dev.kiln.backend.jvm;

import dev.kiln.backend.jvm.VectorLoop.NotVectorizable;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits the statements of one vector step of a {@link VectorLoop}: Java locals holding Vector API
 * values for lanes {@code v .. v+L-1}, where {@code v} (the loop variable's Java local) is the first
 * lane. Each sub-expression is classified:
 * <ul>
 *   <li>without v (loop-invariant): computed once before the loop into a scalar local (the hoist
 *       writer) and, where a vector needs it, broadcast once, also before the loop. An invariant
 *       that could throw is hoisted only where the scalar loop would evaluate it on every
 *       iteration (not under a varying select or in an init), otherwise the loop is rejected;</li>
 *   <li>a load at a unit-stride offset: {@code fromArray(S, a, base + v)} with {@code base} (the
 *       offset at v = 0, i.e. the row offset) hoisted; under a varying select the load is masked, so
 *       lanes the scalar code would not read are not read;</li>
 *   <li>arithmetic of the lane type: {@code add sub mul div min max neg abs sqrt}; for floats,
 *       {@code a*b + c}, {@code c + a*b}, {@code a*b - c} and {@code c - a*b} become one {@code fma}
 *       when fusing is on (the only place results may differ from the interpreter);</li>
 *   <li>comparisons of lane values give masks ({@code compare}); a comparison of two i32 index
 *       expressions whose difference is affine in v with coefficient ±1 gives
 *       {@code S.indexInRange(0, r)} (or its negation); {@code && || !} combine masks, the right
 *       operand of {@code &&} / {@code ||} evaluated under the mask that lets it run; a select on a
 *       mask is a {@code blend} of both branches, each computed under its own mask; a select on an
 *       invariant condition is a Java {@code if}.</li>
 * </ul>
 * Anything else (casts, other math functions, integer division, the loop variable as a value,
 * loads that are neither unit-stride nor invariant, other element types) throws
 * {@link NotVectorizable}, and the caller emits the scalar loop instead.
 */
final class VectorCodegen {
  private enum Kind { SCALAR, VEC, MASK }

  private record Val(Kind kind, String code) {}

  private final Scope scope;
  private final Var v;
  private final DType lane;
  private final String vclass;
  private final String species;
  private final Set<String> helpers;
  private final SourceWriter hoist;
  private final boolean fma;
  private boolean inInit;
  /** Depth of select branches and right operands of && / ||: code that runs only on some lanes. */
  private int conditional;
  private SourceWriter target;
  /** Hoisted scalars and broadcasts by their Java code, so each is computed once. */
  private final Map<String, String> hoisted = new HashMap<>();
  private final Map<String, String> broadcasts = new HashMap<>();

  VectorCodegen(Scope scope, Var v, DType lane, String species, Set<String> helpers, SourceWriter hoist,
      boolean fma) {
    this.scope = scope;
    this.v = v;
    this.lane = lane;
    this.vclass = VectorSupport.vectorClass(lane);
    this.species = species;
    this.helpers = helpers;
    this.hoist = hoist;
    this.fma = fma;
  }

  /** Emits {@code st} for one vector step; {@code init} marks statements that run only under the init condition. */
  void store(Store st, boolean init, SourceWriter into) throws NotVectorizable {
    inInit = init;
    target = into;
    String val = vec(laneValue(st.value(), null));
    into.line(val + ".intoArray(" + scope.buffer(st.buffer()) + ", " + offset(st.buffer(), st.indices(), null) + ");");
  }

  /** Emits {@code e} for one vector step into {@code into}; returns the vector's Java name. */
  String value(Expr e, SourceWriter into) throws NotVectorizable {
    inInit = false;
    target = into;
    return vec(laneValue(e, null));
  }

  private SourceWriter out() { return target; }

  private Val gen(Expr e, String mask) throws NotVectorizable {
    if (!Affine.uses(e, v)) return invariant(e, mask);
    return switch (e) {
      case Load ld -> load(ld, mask);
      case Binary b -> binary(b, mask);
      case Unary u -> switch (u.op()) {
        case NEG -> unaryVec(u.a(), mask, "neg()");
        case NOT -> {
          Val m = gen(u.a(), mask);
          if (m.kind != Kind.MASK) throw new NotVectorizable("! of a non-mask");
          yield local(Kind.MASK, m.code + ".not()");
        }
      };
      case Select s -> select(s, mask);
      case Call c -> switch (c.function()) {
        case "abs" -> unaryVec(c.args().get(0), mask, "abs()");
        case "sqrt" -> {
          if (!lane.isFloat()) throw new NotVectorizable("integer sqrt");
          yield unaryVec(c.args().get(0), mask, "sqrt()");
        }
        default -> {
          if (!fma || lane != DType.F32 || !VectorMath.supports(c.function()))
            throw new NotVectorizable(c.function() + " has no exact vector form");
          String x = vec(laneValue(c.args().get(0), mask));
          yield local(Kind.VEC, VectorMath.code(c.function(), x));
        }
      };
      case Cast c -> {
        DType from = c.value().dtype();
        boolean same = from == c.dtype() || (isF32Like(from) && isF32Like(c.dtype()));
        if (!same) throw new NotVectorizable("cast " + from + " to " + c.dtype());
        yield gen(c.value(), mask);
      }
      default -> throw new NotVectorizable("the loop variable used as a value");
    };
  }

  private static boolean isF32Like(DType t) { return t == DType.F32 || t == DType.F16 || t == DType.BF16; }

  private Val unaryVec(Expr a, String mask, String method) throws NotVectorizable {
    return local(Kind.VEC, vec(laneValue(a, mask)) + "." + method);
  }

  /** A value of the lane type (vector or scalar). */
  private Val laneValue(Expr e, String mask) throws NotVectorizable {
    if (e.dtype() != lane && !(isF32Like(e.dtype()) && lane == DType.F32))
      throw new NotVectorizable(e.dtype() + " values in a loop of " + lane + " lanes");
    Val x = gen(e, mask);
    if (x.kind == Kind.MASK) throw new NotVectorizable("a mask used as a value");
    return x;
  }

  private Val invariant(Expr e, String mask) throws NotVectorizable {
    if ((conditional > 0 || inInit) && !Affine.safe(e))
      throw new NotVectorizable("an invariant that may throw is evaluated only on some lanes");
    String code = new ExprCodegen(scope, helpers).gen(e);
    if (e instanceof IntImm || e instanceof FloatImm || e instanceof Var) return new Val(Kind.SCALAR, code);
    String name = hoisted.get(code);
    if (name == null) {
      name = scope.fresh("inv");
      hoisted.put(code, name);
      hoist.line(JavaSyntax.valueType(e.dtype()) + " " + name + " = " + code + ";");
    }
    return new Val(Kind.SCALAR, name);
  }

  /** The Java expression of a vector of {@code x}'s lanes, broadcasting (once, before the loop) a scalar. */
  private String vec(Val x) {
    if (x.kind != Kind.SCALAR) return x.code;
    String name = broadcasts.get(x.code);
    if (name == null) {
      name = scope.fresh("bc");
      broadcasts.put(x.code, name);
      hoist.line(vclass + " " + name + " = " + vclass + ".broadcast(" + species + ", " + x.code + ");");
    }
    return name;
  }

  private Val local(Kind kind, String code) {
    String type = kind == Kind.MASK ? VectorSupport.PKG + "VectorMask" : vclass;
    String name = scope.fresh(kind == Kind.MASK ? "m" : "x");
    out().line(type + " " + name + " = " + code + ";");
    return new Val(kind, name);
  }

  /** The flat offset of a unit-stride access: a hoisted base (the offset at v = 0) plus v. */
  private String offset(Buffer b, List<Expr> indices, String mask) throws NotVectorizable {
    if (!VectorLoop.unitStride(indices, v)) throw new NotVectorizable("access to " + b.name() + " is not unit-stride");
    Expr flat = indices.get(0);
    for (int d = 1; d < indices.size(); d++)
      flat = new Binary(BinOp.ADD, new Binary(BinOp.MUL, flat, b.shape().get(d)), indices.get(d));
    Expr base = Simplify.expr(Substitute.expr(flat, Map.of(v, Expr.i32(0))));
    Val bv = invariant(base, mask);
    return bv.code.equals("0") ? scope.var(v) : "(" + bv.code + " + " + scope.var(v) + ")";
  }

  private Val load(Load ld, String mask) throws NotVectorizable {
    if (ld.dtype() != lane && !(isF32Like(ld.dtype()) && lane == DType.F32))
      throw new NotVectorizable("load of " + ld.dtype() + " in a loop of " + lane + " lanes");
    String off = offset(ld.buffer(), ld.indices(), mask);
    String args = species + ", " + scope.buffer(ld.buffer()) + ", " + off + (mask == null ? "" : ", " + mask);
    return local(Kind.VEC, vclass + ".fromArray(" + args + ")");
  }

  private Val binary(Binary b, String mask) throws NotVectorizable {
    BinOp op = b.op();
    switch (op) {
      case AND, OR -> {
        Val x = gen(b.a(), mask);
        if (x.kind == Kind.SCALAR) x = local(Kind.MASK, species + ".maskAll(" + x.code + ")");
        if (x.kind != Kind.MASK) throw new NotVectorizable("&& of values");
        String runs = op == BinOp.AND ? x.code : local(Kind.MASK, x.code + ".not()").code;
        conditional++;
        Val y = gen(b.b(), and(mask, runs));
        conditional--;
        String yc = y.kind == Kind.SCALAR ? species + ".maskAll(" + y.code + ")" : y.code;
        return local(Kind.MASK, x.code + (op == BinOp.AND ? ".and(" : ".or(") + yc + ")");
      }
      case LT, LE, GT, GE, EQ, NE -> { return compare(b, mask); }
      default -> { }
    }
    if (lane.isFloat() && fma && (op == BinOp.ADD || op == BinOp.SUB)) {
      Val fused = fused(b, mask);
      if (fused != null) return fused;
    }
    String method = switch (op) {
      case ADD -> "add";
      case SUB -> "sub";
      case MUL -> "mul";
      case DIV -> {
        if (!lane.isFloat()) throw new NotVectorizable("integer floor division");
        yield "div";
      }
      case MIN -> "min";
      case MAX -> "max";
      default -> throw new NotVectorizable("operator " + op);
    };
    Val x = laneValue(b.a(), mask), y = laneValue(b.b(), mask);
    return local(Kind.VEC, vec(x) + "." + method + "(" + vec(y) + ")");
  }

  /** {@code a*b ± c} or {@code c ± a*b} with a varying product, as one fma; null when not of that form. */
  private Val fused(Binary b, String mask) throws NotVectorizable {
    boolean left = isVaryingMul(b.a()), right = isVaryingMul(b.b());
    if (!left && !right) return null;
    Binary prod = (Binary) (left ? b.a() : b.b());
    Expr other = left ? b.b() : b.a();
    String x = vec(laneValue(prod.a(), mask)), y = vec(laneValue(prod.b(), mask));
    String c = vec(laneValue(other, mask));
    if (b.op() == BinOp.ADD) return local(Kind.VEC, x + ".fma(" + y + ", " + c + ")");
    if (left) return local(Kind.VEC, x + ".fma(" + y + ", " + c + ".neg())");
    return local(Kind.VEC, x + ".neg().fma(" + y + ", " + c + ")");
  }

  private boolean isVaryingMul(Expr e) {
    return e instanceof Binary m && m.op() == BinOp.MUL && Affine.uses(m, v);
  }

  private Val compare(Binary b, String mask) throws NotVectorizable {
    DType t = b.a().dtype();
    if (t == DType.I32 && lane != DType.I32 || t == DType.I32 && isIndexCompare(b)) return indexCompare(b, mask);
    Val x = laneValue(b.a(), mask), y = laneValue(b.b(), mask);
    String op = VectorSupport.PKG + "VectorOperators." + b.op().name();
    return local(Kind.MASK, vec(x) + ".compare(" + op + ", " + vec(y) + ")");
  }

  private boolean isIndexCompare(Binary b) {
    Long c = Affine.coefficient(new Binary(BinOp.SUB, b.a(), b.b()), v);
    return c != null && Math.abs(c) == 1 && Affine.safe(b);
  }

  /** Lanes N with {@code a(v+N) op b(v+N)}, for {@code a - b = d(v)} with coefficient ±1: a prefix or suffix of lanes. */
  private Val indexCompare(Binary b, String mask) throws NotVectorizable {
    if (!isIndexCompare(b)) throw new NotVectorizable("a comparison of index expressions that is not a bound");
    Expr d = new Binary(BinOp.SUB, b.a(), b.b());
    boolean up = Affine.coefficient(d, v) == 1;
    String dv = "((long) " + new ExprCodegen(scope, helpers).gen(d) + ")";
    // up: d(v+N) = d(v) + N;  down: d(v+N) = d(v) - N.  "N < r" is indexInRange(0, r).
    String r;
    boolean negate;
    switch (b.op()) {
      case LT -> { r = up ? "(-" + dv + ")" : "(" + dv + " + 1L)"; negate = !up; }
      case LE -> { r = up ? "(1L - " + dv + ")" : dv; negate = !up; }
      case GT -> { r = up ? "(1L - " + dv + ")" : dv; negate = up; }
      case GE -> { r = up ? "(-" + dv + ")" : "(" + dv + " + 1L)"; negate = up; }
      default -> throw new NotVectorizable("== or != on the loop variable");
    }
    String clamped = "((int) Math.max(-1L, Math.min(1L << 20, " + r + ")))";
    return local(Kind.MASK, species + ".indexInRange(0, " + clamped + ")" + (negate ? ".not()" : ""));
  }

  private Val select(Select s, String mask) throws NotVectorizable {
    if (s.dtype() == DType.BOOL) throw new NotVectorizable("a select of bools");
    Val c = gen(s.cond(), mask);
    conditional++;
    try {
      return branches(s, c, mask);
    } finally {
      conditional--;
    }
  }

  private Val branches(Select s, Val c, String mask) throws NotVectorizable {
    if (c.kind == Kind.SCALAR) {
      String name = scope.fresh("sel");
      out().line(vclass + " " + name + " = null;");
      out().open("if (" + c.code + ")");
      out().line(name + " = " + vec(laneValue(s.t(), mask)) + ";");
      out().close().open("else");
      out().line(name + " = " + vec(laneValue(s.f(), mask)) + ";");
      out().close();
      return new Val(Kind.VEC, name);
    }
    if (c.kind != Kind.MASK) throw new NotVectorizable("select on a value");
    String notC = local(Kind.MASK, c.code + ".not()").code;
    String t = vec(laneValue(s.t(), and(mask, c.code)));
    String f = vec(laneValue(s.f(), and(mask, notC)));
    return local(Kind.VEC, f + ".blend(" + t + ", " + c.code + ")");
  }

  private String and(String outer, String m) {
    return outer == null ? m : local(Kind.MASK, outer + ".and(" + m + ")").code;
  }
}

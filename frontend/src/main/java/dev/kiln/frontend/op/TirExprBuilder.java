package dev.kiln.frontend.op;

import dev.kiln.diag.InternalCompilerError;
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
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps a checked {@link TExpr} one to one onto a loop-nest IR expression: index variables to the
 * given Vars, dimensions to the size Vars, attributes to constants of their values, tensors to
 * buffers (folding i32 arithmetic on constants), functions to {@code Call}, {@code min/max/pow} to {@code Binary}, casts to
 * {@code Cast}. Everything it meets was checked, so a missing name is a compiler bug.
 */
final class TirExprBuilder {
  private final Map<String, Var> sizes;
  private final Map<String, Object> attrValues;
  private final Map<String, Buffer> buffers;
  private final Map<String, Var> indexVars;

  TirExprBuilder(Map<String, Var> sizes, Map<String, Object> attrValues, Map<String, Buffer> buffers,
      Map<String, Var> indexVars) {
    this.sizes = sizes;
    this.attrValues = attrValues;
    this.buffers = buffers;
    this.indexVars = indexVars;
  }

  /** The same builder with the index variables bound to other Vars. */
  TirExprBuilder withIndexVars(Map<String, Var> vars) { return new TirExprBuilder(sizes, attrValues, buffers, vars); }

  Expr build(TExpr e) {
    return switch (e) {
      case TExpr.IntConst c -> new IntImm(c.type(), c.value());
      case TExpr.FloatConst c -> new FloatImm(c.type(), c.value());
      case TExpr.Index i -> lookup(indexVars, i.name(), "index variable");
      case TExpr.Dim d -> lookup(sizes, d.name(), "dimension");
      case TExpr.Attr a -> attr(a);
      case TExpr.Read r -> {
        List<Expr> idx = new ArrayList<>();
        for (TExpr i : r.indices()) idx.add(build(i));
        yield new Load(lookup(buffers, r.tensor(), "tensor"), idx);
      }
      case TExpr.Bin b -> fold(new Binary(b.op(), build(b.a()), build(b.b())));
      case TExpr.Un u -> new Unary(u.op(), build(u.a()));
      case TExpr.Sel s -> new Select(build(s.cond()), build(s.t()), build(s.f()));
      case TExpr.Conv c -> new Cast(c.type(), build(c.value()));
      case TExpr.Fn f -> new Call(f.name(), f.type(), List.of(build(f.arg())));
    };
  }

  /** Folds i32 arithmetic on two constants (attributes substituted into shapes: {@code H + 2 * 1} → {@code H + 2}). */
  private static Expr fold(Binary b) {
    if (b.dtype() != DType.I32 || !(b.a() instanceof IntImm x) || !(b.b() instanceof IntImm y)) {
      if (b.dtype() == DType.I32 && b.b() instanceof IntImm y && b.a().dtype() == DType.I32) {
        if (y.value() == 0 && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)) return b.a();
        if (y.value() == 1 && (b.op() == BinOp.MUL || b.op() == BinOp.DIV)) return b.a();
      }
      return b;
    }
    long a = x.value();
    long c = y.value();
    Long v = switch (b.op()) {
      case ADD -> a + c;
      case SUB -> a - c;
      case MUL -> a * c;
      case DIV -> c == 0 ? null : Math.floorDiv(a, c);
      case MOD -> c == 0 ? null : Math.floorMod(a, c);
      default -> null;
    };
    return v == null || v != (int) (long) v ? b : new IntImm(DType.I32, v);
  }

  private Expr attr(TExpr.Attr a) {
    Object v = attrValues.get(a.name());
    DType t = a.type();
    if (v instanceof Long l && t == DType.I32) return new IntImm(DType.I32, l);
    if (v instanceof Double d && t.isFloat()) return new FloatImm(t, d);
    if (v instanceof Boolean b && t == DType.BOOL) return new IntImm(DType.BOOL, b ? 1 : 0);
    throw new InternalCompilerError("attribute " + a.name() + " of type " + t + " has value " + v);
  }

  private static <T> T lookup(Map<String, T> m, String name, String what) {
    T v = m.get(name);
    if (v == null) throw new InternalCompilerError("lowering met unbound " + what + " " + name);
    return v;
  }
}

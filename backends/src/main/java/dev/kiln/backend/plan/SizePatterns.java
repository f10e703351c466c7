package dev.kiln.backend.plan;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.runtime.plan.IntExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Translates i32 shape expressions into the runtime's {@link IntExpr}, naming variables by index. */
final class SizePatterns {
  private SizePatterns() {}

  /** Shape over a kernel's size variables: {@code Size(k)} is {@code sizeVars.get(k)}. */
  static List<IntExpr> of(List<Expr> shape, List<Var> sizeVars) {
    List<IntExpr> out = new ArrayList<>();
    for (Expr e : shape) out.add(expr(e, v -> sizeVars.indexOf(v)));
    return out;
  }

  /** One expression; {@code index} maps a variable to its size index, or -1 when it has none. */
  static IntExpr expr(Expr e, ToIntFunction<Var> index) {
    return switch (e) {
      case IntImm k -> new IntExpr.Const(k.value());
      case Var v -> {
        int k = index.applyAsInt(v);
        if (k < 0) throw new Untranslatable(v);
        yield new IntExpr.Size(k);
      }
      case Binary b -> {
        IntExpr l = expr(b.a(), index);
        IntExpr r = expr(b.b(), index);
        yield switch (b.op()) {
          case ADD -> new IntExpr.Add(l, r);
          case SUB -> new IntExpr.Sub(l, r);
          case MUL -> new IntExpr.Mul(l, r);
          case DIV -> new IntExpr.FloorDiv(l, r);
          case MOD -> new IntExpr.FloorMod(l, r);
          default -> throw new InternalCompilerError("shape expression with " + b.op() + ": " + e);
        };
      }
      default -> throw new InternalCompilerError("unsupported shape expression " + e);
    };
  }

  /** A variable with no size index: the caller decides what to do. */
  static final class Untranslatable extends RuntimeException {
    Untranslatable(Var v) { super(v.name(), null, false, false); }
  }
}

package dev.kiln.frontend.op;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.UnOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that every read of a checked statement is in bounds, for all sizes (dimensions at
 * least 1) and all values of the index variables in their ranges, and reports each read it
 * cannot prove, naming the access and the axis.
 *
 * <p>Walks the statement's value with a {@link BoundsProver} that knows the ranges; inside the
 * taken branch of {@code select(c, a, b)} it adds the facts of {@code c} (for {@code a}) or of
 * {@code !c} (for {@code b}): a comparison of i32 polynomials gives one fact (two for
 * {@code ==}), {@code &&} the facts of both sides, {@code !} negates, and the negation of
 * {@code ||} the negated facts of both sides; other conditions give none. For a read
 * {@code T[e_0, ..]} it proves {@code e_k >= 0} and {@code extent_k - 1 - e_k >= 0} on every axis.
 */
final class BoundsChecker {
  private final OpScope scope;
  private final DiagnosticSink sink;

  BoundsChecker(OpScope scope, DiagnosticSink sink) {
    this.scope = scope;
    this.sink = sink;
  }

  void check(StmtInfo s) {
    BoundsProver prover = new BoundsProver(scope.sizeMinimums());
    List<IndexVarInfo> vars = new ArrayList<>(s.spatial());
    vars.addAll(s.reduce());
    for (IndexVarInfo v : vars) {
      Poly min = PolyOf.of(v.min(), scope.attrValues);
      Poly extent = PolyOf.of(v.extent(), scope.attrValues);
      if (min != null && extent != null) prover = prover.withRange(v.name(), min, extent);
    }
    walk(s.value(), prover);
  }

  private void walk(TExpr e, BoundsProver p) {
    switch (e) {
      case TExpr.Read r -> {
        for (TExpr i : r.indices()) walk(i, p);
        checkRead(r, p);
      }
      case TExpr.Sel s -> {
        walk(s.cond(), p);
        walk(s.t(), assume(p, s.cond(), true));
        walk(s.f(), assume(p, s.cond(), false));
      }
      case TExpr.Bin b -> {
        walk(b.a(), p);
        walk(b.b(), p);
      }
      case TExpr.Un u -> walk(u.a(), p);
      case TExpr.Conv c -> walk(c.value(), p);
      case TExpr.Fn f -> walk(f.arg(), p);
      default -> { }
    }
  }

  /** The prover extended with the facts of {@code cond} (when {@code holds}) or of its negation. */
  private BoundsProver assume(BoundsProver p, TExpr cond, boolean holds) {
    if (cond instanceof TExpr.Un u && u.op() == UnOp.NOT) return assume(p, u.a(), !holds);
    if (!(cond instanceof TExpr.Bin b)) return p;
    if ((b.op() == BinOp.AND && holds) || (b.op() == BinOp.OR && !holds))
      return assume(assume(p, b.a(), holds), b.b(), holds);
    Poly x = PolyOf.of(b.a(), scope.attrValues);
    Poly y = PolyOf.of(b.b(), scope.attrValues);
    if (x == null || y == null || b.a().type() != DType.I32) return p;
    Poly one = Poly.constant(1);
    BinOp op = holds ? b.op() : negate(b.op());
    if (op == null) return p;
    return switch (op) {
      case GE -> p.withFact(x.sub(y));
      case GT -> p.withFact(x.sub(y).sub(one));
      case LE -> p.withFact(y.sub(x));
      case LT -> p.withFact(y.sub(x).sub(one));
      case EQ -> p.withFact(x.sub(y)).withFact(y.sub(x));
      default -> p;
    };
  }

  private static BinOp negate(BinOp op) {
    return switch (op) {
      case GE -> BinOp.LT;
      case GT -> BinOp.LE;
      case LE -> BinOp.GT;
      case LT -> BinOp.GE;
      case NE -> BinOp.EQ;
      default -> null;
    };
  }

  private void checkRead(TExpr.Read r, BoundsProver p) {
    TensorInfo t = scope.tensors.get(r.tensor());
    if (t == null) return;
    for (int axis = 0; axis < r.indices().size(); axis++) {
      String why = axisProblem(r.indices().get(axis), t, axis, p, indexText(r, axis));
      if (why != null) {
        sink.error(r.source().span(), "cannot prove " + AstText.of((Expr) r.source()) + " is in bounds on axis "
            + axis + ": " + why);
        return;
      }
    }
  }

  private String axisProblem(TExpr index, TensorInfo t, int axis, BoundsProver p, String text) {
    Poly i = PolyOf.of(index, scope.attrValues);
    if (i == null)
      return "the index " + text + " is not an integer expression of index variables, dimensions and attributes";
    if (!p.proveNonNegative(i)) return text + " may be < 0";
    Poly extent = PolyOf.of(t.shape().get(axis), scope.attrValues);
    if (extent == null || !p.proveNonNegative(extent.sub(Poly.constant(1)).sub(i)))
      return text + " may be >= " + t.shapeText().get(axis);
    return null;
  }

  private static String indexText(TExpr.Read r, int axis) {
    if (r.source() instanceof IndexExpr ix && axis < ix.subscripts().size())
      return AstText.of(ix.subscripts().get(axis).lo());
    return "index " + axis;
  }
}

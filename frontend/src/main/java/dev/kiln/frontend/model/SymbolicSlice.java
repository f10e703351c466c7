package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Slices whose bounds are dimension expressions of the model ({@code x[:, 0:T]}, {@code x[1:T + 1]}).
 * Algorithm: each bound becomes an i32 expression over the model's symbols (a negative constant
 * counts from the end of the axis); the result's dim on the axis is {@code hi - lo}. Bounds the
 * compiler can decide (constants on a static axis, {@code hi} equal to the axis) are checked now;
 * the others at run time, before the slice, by {@code check_index} on {@code lo} and on
 * {@code hi - 1} ({@code 0 <= lo} and {@code hi <= dim}; a negative extent {@code hi < lo} is
 * caught by the slice kernel's result shape), so an error names the slice's line. The slice
 * itself is a generated op that reads {@code X[.., i + lo, ..]} under a select guard, which keeps
 * its bounds proof independent of the check; the symbols reach the kernel through
 * {@link DimCarriers}.
 */
final class SymbolicSlice {
  private final ExprLowering ex;
  private final LoweringContext cx;
  private final Value x;
  private final int rank;
  private final Expr[] lo;
  private final Expr[] hi;
  private final Span[] spans;

  SymbolicSlice(ExprLowering ex, Value x) {
    this.ex = ex;
    this.cx = ex.cx;
    this.x = x;
    this.rank = x.type().rank();
    this.lo = new Expr[rank];
    this.hi = new Expr[rank];
    this.spans = new Span[rank];
  }

  /** True when a slice subscript names a dimension (and so takes this path). */
  static boolean applies(Subscript s) {
    return s.slice() && ((s.lo() != null && ModelDims.symbolic(s.lo())) || (s.hi() != null && ModelDims.symbolic(s.hi())));
  }

  boolean any() {
    for (Expr e : lo) if (e != null) return true;
    return false;
  }

  /** Records the bounds of slice {@code s} on axis {@code d}. */
  void add(Subscript s, int d, Scope scope) {
    Expr dim = x.type().shape().get(d);
    lo[d] = s.lo() == null ? Expr.i32(0) : bound(s.lo(), dim, scope);
    hi[d] = s.hi() == null ? dim : bound(s.hi(), dim, scope);
    spans[d] = s.span();
    if (dim instanceof IntImm n) {
      if (lo[d] instanceof IntImm a && (a.value() < 0 || a.value() >= n.value())) {
        throw new KilnException(s.lo().span(), "slice start " + a.value() + " is out of bounds for axis " + d
            + " of size " + n.value());
      }
      if (hi[d] instanceof IntImm b && (b.value() < 1 || b.value() > n.value())) {
        throw new KilnException(s.hi().span(), "slice end " + b.value() + " is out of bounds for axis " + d
            + " of size " + n.value());
      }
    }
    if (Simplify.expr(new Binary(BinOp.SUB, hi[d], lo[d])) instanceof IntImm k && k.value() <= 0) {
      throw new KilnException(s.span(), "the slice is empty on axis " + d);
    }
  }

  private Expr bound(dev.kiln.frontend.ast.Expr e, Expr dim, Scope scope) {
    Expr b = ModelDims.symbolic(e) ? ModelDims.of(e, cx, scope) : Expr.i32(Constants.integer(e));
    if (b instanceof IntImm k && k.value() < 0) b = Simplify.expr(new Binary(BinOp.ADD, dim, b));
    return b;
  }

  /**
   * Emits the run-time checks and the slice kernel. {@code inDims}, {@code read} and
   * {@code outDims} hold the generated-op text of the other axes (as {@link Indexing} writes it).
   */
  Value lower(String[] inDims, String[] read, String[] outDims, Span at, List<GNode> out) {
    Set<Var> symbols = new LinkedHashSet<>();
    for (int d = 0; d < rank; d++) {
      if (lo[d] == null) continue;
      symbols.addAll(ModelDims.vars(lo[d]));
      symbols.addAll(ModelDims.vars(hi[d]));
    }
    DimCarriers carriers = DimCarriers.of(cx, symbols, at);
    String[] reads = Arrays.copyOf(read, rank);
    String[] outs = Arrays.copyOf(outDims, rank);
    List<String> guards = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      if (lo[d] == null) continue;
      check(d, out);
      String at0 = GenericOps.idx(d) + " + " + carriers.text(lo[d]);
      reads[d] = at0;
      outs[d] = carriers.text(Simplify.expr(new Binary(BinOp.SUB, hi[d], lo[d])));
      guards.add(at0 + " >= 0 && " + at0 + " < " + inDims[d]);
    }
    DType t = x.type().dtype();
    String src = "op slice(X: " + t.text() + "[" + String.join(", ", inDims) + "]" + carriers.signature() + ") -> Y: "
        + t.text() + "[" + String.join(", ", outs) + "] {\n  Y[" + String.join(", ", indices()) + "] = select("
        + String.join(" && ", guards) + ", X[" + String.join(", ", reads) + "], " + GenericOps.literal(0, t) + ")\n}\n";
    List<Value> args = new ArrayList<>();
    args.add(x);
    args.addAll(carriers.values);
    return cx.call1(cx.kernels.generated(new GenericOps.Generated("slice", src)), args, "slice", at, out);
  }

  private List<String> indices() {
    List<String> ix = new ArrayList<>();
    for (int d = 0; d < rank; d++) ix.add(GenericOps.idx(d));
    return ix;
  }

  /** Run-time checks of the bounds on axis d that the compiler could not decide. */
  private void check(int d, List<GNode> out) {
    Expr dim = x.type().shape().get(d);
    boolean staticAxis = dim instanceof IntImm;
    if (!(lo[d] instanceof IntImm k && k.value() == 0) && !(staticAxis && lo[d] instanceof IntImm)) {
      out.add(new CheckIndexNode(scalar(lo[d], spans[d], out), x, d, spans[d]));
    }
    if (!ShapeUnifier.provablyEqual(hi[d], dim) && !(staticAxis && hi[d] instanceof IntImm)) {
      Expr last = Simplify.expr(new Binary(BinOp.SUB, hi[d], Expr.i32(1)));
      out.add(new CheckIndexNode(scalar(last, spans[d], out), x, d, spans[d]));
    }
  }

  /** A dimension expression's value at run time, as a 0-d i32 tensor. */
  private Value scalar(Expr e, Span at, List<GNode> out) {
    return cx.materialize(operand(e, at, out), DType.I32, out);
  }

  private Operand operand(Expr e, Span at, List<GNode> out) {
    return switch (e) {
      case IntImm k -> new Operand.Lit(k.value(), DType.I32, at);
      case Var v -> new Operand.Val(cx.symbolValue(v, at, out));
      case Binary b -> {
        List<Operand> ab = List.of(operand(b.a(), at, out), operand(b.b(), at, out));
        yield new Operand.Val(ex.ew.map("dim_" + b.op().name().toLowerCase(java.util.Locale.ROOT), ab,
            Arrays.asList(null, null), null, "$0 " + b.op().symbol() + " $1", at, out));
      }
      default -> throw new dev.kiln.diag.InternalCompilerError("unexpected dimension expression " + e);
    };
  }
}

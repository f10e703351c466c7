package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.ReshapeNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexing and slicing in models ({@code xs[t]}, {@code x[:, 0:5]}, {@code x[-1]}). Algorithm:
 * (1) constant points and slices become one generated slice op (a point is a slice of extent 1),
 * written with static dims where the bounds need them so the op's bounds proof goes through;
 * slices whose bounds name model dimensions join that op through {@link SymbolicSlice}, which
 * checks their bounds at run time;
 * (2) a reshape drops the point axes; (3) each index computed at run time becomes a checked
 * {@code take} along its axis (a run-time bounds check, then a gather kernel), last axis first.
 */
final class Indexing {
  private final ExprLowering ex;
  private final LoweringContext cx;

  Indexing(ExprLowering ex) {
    this.ex = ex;
    this.cx = ex.cx;
  }

  Operand lower(IndexExpr ix, Scope scope, List<GNode> out) {
    Value x = ex.tensor(ix.base(), scope, out);
    TensorType t = x.type();
    int r = t.rank();
    if (ix.subscripts().size() > r) {
      throw new KilnException(ix.span(), "too many indices: " + ShapeUnifier.describe(t) + " has rank " + r);
    }
    String[] inDims = new String[r];
    String[] read = new String[r];
    String[] outDims = new String[r];
    boolean[] drop = new boolean[r];
    Value[] dynamic = new Value[r];
    Span[] dynSpan = new Span[r];
    boolean sliced = false;
    SymbolicSlice symbolic = new SymbolicSlice(ex, x);
    for (int d = 0; d < r; d++) {
      Expr dim = t.shape().get(d);
      Long stat = dim instanceof IntImm k ? k.value() : null;
      inDims[d] = stat != null ? Long.toString(stat) : GenericOps.dimName(d);
      read[d] = GenericOps.idx(d);
      outDims[d] = inDims[d];
      if (d >= ix.subscripts().size()) continue;
      Subscript s = ix.subscripts().get(d);
      if (!s.slice()) {
        Operand o = ex.lower(s.lo(), scope, out);
        if (o instanceof Operand.Lit l) {
          if (l.kind() != DType.I32) throw new KilnException(s.span(), "an index must be an integer");
          long i = (long) l.value();
          if (stat == null) {
            if (i < 0) throw new KilnException(s.span(), "a negative index needs a static dimension; axis " + d
                + " has size " + DimText.of(dim));
            throw new KilnException(s.span(), "cannot prove index " + i + " is in bounds for axis " + d + " of size "
                + DimText.of(dim) + "; use a run-time index (a variable) instead");
          }
          long k = i < 0 ? i + stat : i;
          if (k < 0 || k >= stat) {
            throw new KilnException(s.span(), "index " + i + " is out of bounds for axis " + d + " of size " + stat);
          }
          read[d] = k == 0 ? GenericOps.idx(d) : GenericOps.idx(d) + " + " + k;
          outDims[d] = "1";
          drop[d] = true;
          sliced = true;
        } else {
          Value v = ((Operand.Val) o).value();
          if (v.type().rank() != 0 || !v.type().dtype().isInt()) {
            throw new KilnException(s.span(), "an index must be an integer scalar, got " + ShapeUnifier.describe(v.type()));
          }
          dynamic[d] = v;
          dynSpan[d] = s.span();
        }
      } else if (SymbolicSlice.applies(s)) {
        symbolic.add(s, d, scope);
      } else if (s.lo() != null || s.hi() != null) {
        sliced |= slice(s, d, stat, dim, read, outDims);
      }
    }
    Value v = x;
    if (symbolic.any()) {
      v = symbolic.lower(inDims, read, outDims, ix.span(), out);
    } else if (sliced) {
      String k = cx.kernels.generated(GenericOps.slice("slice", t.dtype(), inDims, read, outDims));
      v = cx.call1(k, List.of(x), "slice", ix.span(), out);
    }
    List<Integer> dynAxes = new ArrayList<>();
    List<Expr> kept = new ArrayList<>();
    for (int d = 0; d < r; d++) {
      if (drop[d]) continue;
      if (dynamic[d] != null) dynAxes.add(kept.size());
      kept.add(v.type().shape().get(d));
    }
    if (kept.size() != r) v = reshape(cx, v, kept, ix.span(), out);
    int j = dynAxes.size() - 1;
    for (int d = r - 1; d >= 0; d--) {
      if (dynamic[d] == null) continue;
      int axis = dynAxes.get(j--);
      out.add(new CheckIndexNode(dynamic[d], v, axis, dynSpan[d]));
      String k = cx.kernels.custom("take", TakeKernel.build(v.type().dtype(), v.type().rank(), axis,
          dynamic[d].type().dtype()));
      v = cx.call1(k, List.of(v, dynamic[d]), "take", ix.span(), out);
    }
    return new Operand.Val(v);
  }

  /** Fills read and output text for a constant slice lo:hi on axis d; returns whether it changes anything. */
  private static boolean slice(Subscript s, int d, Long stat, Expr dim, String[] read, String[] outDims) {
    Long lo = s.lo() == null ? null : Constants.integer(s.lo());
    Long hi = s.hi() == null ? null : Constants.integer(s.hi());
    if (stat != null) {
      long a = lo == null ? 0 : lo < 0 ? Math.max(0, lo + stat) : Math.min(lo, stat);
      long b = hi == null ? stat : hi < 0 ? Math.max(0, hi + stat) : Math.min(hi, stat);
      if (b <= a) throw new KilnException(s.span(), "the slice is empty on axis " + d + " of size " + stat);
      read[d] = a == 0 ? GenericOps.idx(d) : GenericOps.idx(d) + " + " + a;
      outDims[d] = Long.toString(b - a);
      return a != 0 || b != stat;
    }
    long a = lo == null ? 0 : lo;
    if (a < 0 || (hi != null && hi >= 0)) {
      throw new KilnException(s.span(), "slice bounds counted from the start need a static dimension; axis " + d
          + " has size " + DimText.of(dim) + " (use `a:` or `a:-b`)");
    }
    long cut = hi == null ? 0 : -hi;
    read[d] = a == 0 ? GenericOps.idx(d) : GenericOps.idx(d) + " + " + a;
    outDims[d] = a + cut == 0 ? GenericOps.dimName(d) : GenericOps.dimName(d) + " - " + (a + cut);
    return a + cut != 0;
  }

  /** A view of {@code v} with another shape of the same element count. */
  static Value reshape(LoweringContext cx, Value v, List<Expr> shape, Span at, List<GNode> out) {
    Value r = new Value(v.name(), new TensorType(v.type().dtype(), shape));
    out.add(new ReshapeNode(r, v, at));
    return r;
  }
}

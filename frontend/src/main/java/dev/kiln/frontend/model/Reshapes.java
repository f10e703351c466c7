package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code reshape(x, shape: [..])} and {@code flatten}. A target dim is an integer, a dimension
 * expression of the model ({@code B * T}, see {@link ModelDims}) or {@code -1} (at most one),
 * inferred as the source's element count over the others' product after cancelling the factors
 * both sides share ({@code [B, T, 384] -> [B, T, -1, 32]} infers 12).
 *
 * <p>Checks: element counts that simplify to different constants are a diagnostic. Otherwise the
 * result is a view ({@code ReshapeNode}), whose target the runtime evaluates over the source's
 * dims: every model symbol in it must be a plain axis of the source, except in one dim, which the
 * runtime then infers from the count. When the counts are not provably equal, the view is used
 * only if every dim can be evaluated so (the runtime then compares the counts exactly, at the
 * reshape's line); in the remaining cases ({@code [T, 5]} from {@code [B, 5]}) the reshape is a
 * copy by {@link CheckedReshapeKernel}, whose argument shape check compares the counts at run time.
 */
final class Reshapes {
  private Reshapes() {}

  /** Lowers {@code reshape(x, shape: shapeArg)}. */
  static Value lower(LoweringContext cx, Value x, dev.kiln.frontend.ast.Expr shapeArg, Scope scope, Span at,
      List<GNode> out) {
    List<dev.kiln.frontend.ast.Expr> elems = shapeArg instanceof ListExpr l ? l.elems() : List.of(shapeArg);
    List<Expr> dims = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int infer = -1;
    for (int i = 0; i < elems.size(); i++) {
      dev.kiln.frontend.ast.Expr e = elems.get(i);
      Expr d = ModelDims.symbolic(e) ? ModelDims.of(e, cx, scope) : new IntImm(DType.I32, Constants.integer(e));
      if (d instanceof IntImm k && k.value() == -1 && !ModelDims.symbolic(e)) {
        if (infer >= 0) throw new KilnException(e.span(), "only one dimension of a reshape may be -1");
        infer = i;
        dims.add(null);
        texts.add("-1");
        continue;
      }
      if (d instanceof IntImm k && k.value() < 0) {
        throw new KilnException(e.span(), "dimension " + k.value() + " of a reshape is negative");
      }
      dims.add(d);
      texts.add(DimText.of(d));
    }
    TensorType src = x.type();
    Expr total = Builtins.product(src.shape());
    if (infer >= 0) {
      List<Expr> known = new ArrayList<>(dims);
      known.remove(infer);
      Expr rest = Builtins.product(known);
      if (total instanceof IntImm t && rest instanceof IntImm r && (r.value() == 0 || t.value() % r.value() != 0)) {
        throw new KilnException(shapeArg.span(), "cannot reshape " + ShapeUnifier.describe(src) + " to " + texts
            + ": " + t.value() + " elements do not divide into " + r.value());
      }
      dims.set(infer, quotient(src.shape(), known));
    }
    Expr newTotal = Builtins.product(dims);
    if (ShapeUnifier.provablyDifferent(total, newTotal)) {
      throw new KilnException(shapeArg.span(), "cannot reshape " + ShapeUnifier.describe(src) + " ("
          + DimText.of(total) + " elements) to " + texts + " (" + DimText.of(newTotal) + " elements)");
    }
    int opaque = opaque(src.shape(), dims);
    boolean view = ShapeUnifier.provablyEqual(total, newTotal) ? opaque <= 1 : opaque == 0;
    if (view) return Indexing.reshape(cx, x, dims, at, out);
    Set<Var> symbols = new LinkedHashSet<>();
    for (Expr d : dims) symbols.addAll(ModelDims.vars(d));
    DimCarriers carriers = DimCarriers.of(cx, symbols, at);
    Value flat = src.rank() == 1 ? x : Indexing.reshape(cx, x, List.of(total), at, out);
    String k = cx.kernels.custom("reshape", CheckedReshapeKernel.build(src.dtype(), carriers, dims));
    List<Value> args = new ArrayList<>(carriers.values);
    args.add(flat);
    Value copy = cx.call1(k, args, "reshape", at, out);
    // An identity view of the copy: the copy's only user is then not a kernel call, so the fusion
    // pass leaves it alone and a failed count check names this line, not a consumer's.
    return Indexing.reshape(cx, copy, copy.type().shape(), at, out);
  }

  /**
   * The inferred dim: the product of the source dims over that of the known target dims, after
   * cancelling factors (of products, too) that are provably equal on both sides.
   */
  private static Expr quotient(List<Expr> src, List<Expr> known) {
    List<Expr> num = new ArrayList<>();
    for (Expr e : src) factors(e, num);
    List<Expr> den = new ArrayList<>();
    for (Expr e : known) factors(e, den);
    for (int i = den.size() - 1; i >= 0; i--) {
      for (int j = 0; j < num.size(); j++) {
        if (!(den.get(i) instanceof IntImm) && ShapeUnifier.provablyEqual(den.get(i), num.get(j))) {
          num.remove(j);
          den.remove(i);
          break;
        }
      }
    }
    return Simplify.expr(new Binary(BinOp.DIV, Builtins.product(num), Builtins.product(den)));
  }

  private static void factors(Expr e, List<Expr> out) {
    if (e instanceof Binary b && b.op() == BinOp.MUL) {
      factors(b.a(), out);
      factors(b.b(), out);
    } else {
      out.add(e);
    }
  }

  /**
   * How many dims of {@code target} the runtime cannot evaluate over the source's dims (a view
   * infers at most one of them from the element count).
   */
  static int opaque(List<Expr> src, List<Expr> target) {
    int n = 0;
    for (Expr d : target) if (!evaluable(d, src)) n++;
    return n;
  }

  /** Whether the runtime can evaluate {@code d} over the source's dims: each symbol is a whole source axis. */
  private static boolean evaluable(Expr d, List<Expr> src) {
    for (Var v : ModelDims.vars(d)) {
      boolean found = false;
      for (Expr s : src) found |= s == v;
      if (!found) return false;
    }
    return true;
  }

  /** ONNX-style flatten: dims before {@code axis} multiply into the first, the rest into the second. */
  static List<Expr> flatten(TensorType src, int axis, Span at) {
    if (axis < 0 || axis > src.rank()) throw new KilnException(at, "flatten axis " + axis + " is out of range");
    return List.of(Builtins.product(src.shape().subList(0, axis)),
        Builtins.product(src.shape().subList(axis, src.rank())));
  }
}

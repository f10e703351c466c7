package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.List;

/** Target shapes of reshape and flatten, with one {@code -1} dimension inferred from the element count. */
final class Reshapes {
  private Reshapes() {}

  static List<Expr> target(TensorType src, List<Long> dims, Span at) {
    int infer = -1;
    List<Expr> known = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      long d = dims.get(i);
      if (d == -1) {
        if (infer >= 0) throw new KilnException(at, "only one dimension of a reshape may be -1");
        infer = i;
      } else if (d < 0) {
        throw new KilnException(at, "dimension " + d + " of a reshape is negative");
      } else {
        known.add(ShapeUnifier.constant(d));
      }
    }
    Expr total = Builtins.product(src.shape());
    List<Expr> out = new ArrayList<>();
    for (long d : dims) out.add(d == -1 ? null : ShapeUnifier.constant(d));
    if (infer >= 0) {
      Expr rest = Builtins.product(known);
      Expr q = Simplify.expr(new Binary(BinOp.DIV, total, rest));
      if (total instanceof IntImm t && rest instanceof IntImm r && (r.value() == 0 || t.value() % r.value() != 0)) {
        throw new KilnException(at, "cannot reshape " + ShapeUnifier.describe(src) + " to " + dims
            + ": " + t.value() + " elements do not divide into " + r.value());
      }
      out.set(infer, q);
    }
    Expr newTotal = Builtins.product(out);
    if (ShapeUnifier.provablyDifferent(total, newTotal)) {
      throw new KilnException(at, "cannot reshape " + ShapeUnifier.describe(src) + " (" + DimText.of(total)
          + " elements) to " + dims + " (" + DimText.of(newTotal) + " elements)");
    }
    return out;
  }

  /** ONNX-style flatten: dims before {@code axis} multiply into the first, the rest into the second. */
  static List<Expr> flatten(TensorType src, int axis, Span at) {
    if (axis < 0 || axis > src.rank()) throw new KilnException(at, "flatten axis " + axis + " is out of range");
    return List.of(Builtins.product(src.shape().subList(0, axis)),
        Builtins.product(src.shape().subList(axis, src.rank())));
  }
}

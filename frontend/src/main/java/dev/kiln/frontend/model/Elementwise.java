package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import java.util.ArrayList;
import java.util.List;

/**
 * Elementwise operations with NumPy broadcasting. Algorithm: operands align at their last axis;
 * on each output axis the dimension is the first operand dimension that is not the literal 1 (1
 * when all are); an operand whose dimension there is the literal 1 is broadcast (read at index 0),
 * every other operand is tied to the output dimension. Two dimensions that are provably different
 * are a diagnostic; dimensions that cannot be decided (two different symbols) are tied and checked
 * at run time. Literal operands adopt the operands' common dtype and are written into the
 * generated op's text. The op is generated in Kiln (see {@link GenericOps#map}) with static dims
 * written as constants.
 */
final class Elementwise {
  private final LoweringContext cx;

  Elementwise(LoweringContext cx) { this.cx = cx; }

  /**
   * Emits {@code name} computing {@code template} over the operands. {@code wanted.get(k)} forces
   * operand k's dtype (null: the common dtype); {@code outType} null means the common dtype.
   */
  Value map(String name, List<Operand> operands, List<DType> wanted, DType outType, String template, Span at,
      List<GNode> out) {
    DType common = null;
    for (int k = 0; k < operands.size(); k++) {
      if (operands.get(k) instanceof Operand.Val v && wanted.get(k) == null) {
        DType t = v.value().type().dtype();
        if (common == null) common = t;
        else if (common != t) {
          throw new KilnException(at, "`" + name + "` of " + t + " and " + common
              + " tensors: convert one with a cast such as " + common.text() + "(x)");
        }
      }
    }
    if (common == null) {
      for (int k = 0; k < operands.size(); k++) {
        if (operands.get(k) instanceof Operand.Lit l && wanted.get(k) == null) {
          common = common == null || l.kind() == DType.F32 ? l.kind() : common;
        }
      }
    }
    List<Value> tensors = new ArrayList<>();
    List<Integer> tensorPos = new ArrayList<>();
    String expr = template;
    for (int k = operands.size() - 1; k >= 0; k--) {
      DType want = wanted.get(k) != null ? wanted.get(k) : common;
      Operand o = operands.get(k);
      if (o instanceof Operand.Lit l) {
        if (l.kind() == DType.F32 && !want.isFloat()) {
          throw new KilnException(l.span(), "a float literal cannot be used with " + want + " values");
        }
        if (l.kind() == DType.BOOL != want.isBool()) {
          throw new KilnException(l.span(), "expected a " + (want.isBool() ? "bool" : want.text()) + " value, got "
              + (l.kind() == DType.BOOL ? "a bool literal" : "a number"));
        }
        expr = expr.replace("$" + k, GenericOps.literal(l.value(), want));
      } else {
        Value v = ((Operand.Val) o).value();
        if (v.type().dtype() != want) {
          throw new KilnException(at, "`" + name + "` expects " + want + " here, got " + ShapeUnifier.describe(v.type()));
        }
        tensors.add(0, v);
        tensorPos.add(0, k);
      }
    }
    for (int j = 0; j < tensorPos.size(); j++) expr = expr.replace("$" + tensorPos.get(j), "$#" + j);
    expr = expr.replace("$#", "$");
    DType resultType = outType != null ? outType : common;
    return emit(name, tensors, resultType, expr, at, out);
  }

  private Value emit(String name, List<Value> tensors, DType outType, String expr, Span at, List<GNode> out) {
    int rank = 0;
    for (Value v : tensors) rank = Math.max(rank, v.type().rank());
    List<Expr> outShape = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      Expr dim = null;
      for (Value v : tensors) {
        int j = d - (rank - v.type().rank());
        if (j < 0) continue;
        Expr e = v.type().shape().get(j);
        if (ShapeUnifier.isOne(e)) continue;
        if (dim == null) dim = e;
        else if (ShapeUnifier.provablyDifferent(dim, e)) {
          throw new KilnException(at, "cannot broadcast " + describeAll(tensors) + ": axis " + d + " has sizes "
              + DimText.of(dim) + " and " + DimText.of(e));
        }
      }
      outShape.add(dim == null ? new IntImm(DType.I32, 1) : dim);
    }
    List<String> outDims = new ArrayList<>();
    for (int d = 0; d < rank; d++) outDims.add(text(outShape.get(d), d));
    List<DType> types = new ArrayList<>();
    List<List<String>> inDims = new ArrayList<>();
    List<List<String>> inIndex = new ArrayList<>();
    for (Value v : tensors) {
      TensorType t = v.type();
      List<String> dims = new ArrayList<>();
      List<String> index = new ArrayList<>();
      for (int j = 0; j < t.rank(); j++) {
        int d = j + (rank - t.rank());
        boolean broadcast = ShapeUnifier.isOne(t.shape().get(j)) && !ShapeUnifier.isOne(outShape.get(d));
        dims.add(broadcast ? "1" : outDims.get(d));
        index.add(broadcast ? "0" : GenericOps.idx(d));
      }
      types.add(t.dtype());
      inDims.add(dims);
      inIndex.add(index);
    }
    String kernel = cx.kernels.generated(GenericOps.map(name, types, inDims, inIndex, outDims, outType, expr));
    return cx.call1(kernel, tensors, name, at, out);
  }

  /** A dimension as generated-op text: a constant, or the shared name of its output axis. */
  static String text(Expr dim, int axis) {
    return dim instanceof IntImm k ? Long.toString(k.value()) : GenericOps.dimName(axis);
  }

  private static String describeAll(List<Value> vs) {
    List<String> s = new ArrayList<>();
    for (Value v : vs) s.add(ShapeUnifier.describe(v.type()));
    return String.join(" and ", s);
  }
}

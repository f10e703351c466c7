package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates nodes at import time: Constant always; Shape and Size from the input's inferred
 * (possibly symbolic) shape; and the shape-computing operators (Gather, Unsqueeze, Squeeze,
 * Reshape, Flatten, Concat, Slice, Cast, arithmetic, comparisons, Where, Range, ConstantOfShape,
 * ...) when every input is known and small (at most {@link #MAX_ELEMENTS} elements). Integer
 * arithmetic works on {@link Dim}s, so {@code Shape → Gather → Unsqueeze → Concat} of a symbolic
 * batch dimension folds to {@code [batch_size, sequence_length, 12, 32]}; floating-point arithmetic
 * rounds each result to the tensor's precision, as the runtime would.
 */
final class Folding {
  static final long MAX_ELEMENTS = 1 << 16;

  private interface Fold extends Function<Node, Const> {}

  private static final Map<String, Fold> FOLDS = Map.ofEntries(
      Map.entry("Constant", Folding::constant),
      Map.entry("Identity", n -> n.known(0, "input")),
      Map.entry("Cast", n -> FoldOps.cast(n.known(0, "input"), OnnxTypes.require((int) n.attrs.i("to", 1), "Cast's `to`"))),
      Map.entry("Unsqueeze", n -> FoldOps.reshape(n.known(0, "input"), ShapeMath.unsqueeze(n, n.in(0).shape()))),
      Map.entry("Squeeze", n -> FoldOps.reshape(n.known(0, "input"), ShapeMath.squeeze(n, n.in(0).shape()))),
      Map.entry("Reshape", n -> FoldOps.reshape(n.known(0, "input"), ShapeMath.reshape(n, n.in(0).shape()))),
      Map.entry("Flatten", n -> FoldOps.reshape(n.known(0, "input"), ShapeMath.flatten(n, n.in(0).shape()))),
      Map.entry("Concat", FoldOps::concat),
      Map.entry("Gather", FoldOps::gather),
      Map.entry("Slice", FoldOps::slice),
      Map.entry("Transpose", FoldOps::transpose),
      Map.entry("Add", n -> FoldOps.binary(n, "+")),
      Map.entry("Sub", n -> FoldOps.binary(n, "-")),
      Map.entry("Mul", n -> FoldOps.binary(n, "*")),
      Map.entry("Div", n -> FoldOps.binary(n, "/")),
      Map.entry("Max", n -> FoldOps.binary(n, "max")),
      Map.entry("Min", n -> FoldOps.binary(n, "min")),
      Map.entry("Equal", n -> FoldOps.binary(n, "==")),
      Map.entry("Less", n -> FoldOps.binary(n, "<")),
      Map.entry("Greater", n -> FoldOps.binary(n, ">")),
      Map.entry("And", n -> FoldOps.binary(n, "&&")),
      Map.entry("Or", n -> FoldOps.binary(n, "||")),
      Map.entry("Not", n -> FoldOps.unary(n.known(0, "input"), v -> v == 0 ? 1 : 0)),
      Map.entry("Neg", n -> FoldOps.unary(n.known(0, "input"), v -> -v)),
      Map.entry("Abs", n -> FoldOps.unary(n.known(0, "input"), Math::abs)),
      Map.entry("Sqrt", n -> FoldOps.unary(n.known(0, "input"), Math::sqrt)),
      Map.entry("Reciprocal", n -> FoldOps.unary(n.known(0, "input"), v -> 1 / v)),
      Map.entry("Floor", n -> FoldOps.unary(n.known(0, "input"), Math::floor)),
      Map.entry("Ceil", n -> FoldOps.unary(n.known(0, "input"), Math::ceil)),
      Map.entry("Where", FoldOps::where),
      Map.entry("Range", FoldOps::range),
      Map.entry("ConstantOfShape", FoldOps::constantOfShape));

  private Folding() {}

  /** Evaluates the node when it can; true when its outputs are now bound. */
  static boolean tryFold(Node n) {
    String op = n.op();
    if (op.equals("Shape") || op.equals("Size")) {
      if (!n.has(0)) return false;
      List<Dim> s = n.in(0).shape();
      if (op.equals("Size")) {
        Dim p = Dim.of(1);
        for (Dim d : s) p = p.times(d);
        n.fold(0, Const.ofDims(DType.I64, new long[0], new Dim[] {p}));
      } else {
        n.fold(0, ShapeMath.shapeOf(n, s));
      }
      return true;
    }
    Fold f = FOLDS.get(op);
    if (f == null || n.proto.getOutputCount() != 1) return false;
    for (int i = 0; i < n.inputCount(); i++) {
      if (!n.has(i)) continue;
      if (!(n.in(i) instanceof Val.Known k) || k.value().size() > MAX_ELEMENTS) return false;
    }
    Const c;
    try {
      c = f.apply(n);
    } catch (ImportException e) {
      throw n.unsupported(e.getMessage());
    }
    if (c == null) return false;
    n.fold(0, c);
    return true;
  }

  private static Const constant(Node n) {
    Attrs a = n.attrs;
    if (a.has("value")) {
      TensorProto t = a.t("value");
      return Const.fromProto(t, "the value of Constant `" + Node.label(n.proto) + "`", null);
    }
    if (a.has("value_float")) return Const.ofReals(DType.F32, new long[0], new double[] {a.f("value_float", 0)});
    if (a.has("value_int")) return Const.ofDims(DType.I64, new long[0], new Dim[] {Dim.of(a.i("value_int", 0))});
    if (a.has("value_floats")) {
      List<Float> fs = a.get("value_floats").getFloatsList();
      double[] v = new double[fs.size()];
      for (int i = 0; i < v.length; i++) v[i] = fs.get(i);
      return Const.ofReals(DType.F32, new long[] {v.length}, v);
    }
    if (a.has("value_ints")) {
      List<Long> is = a.ints("value_ints");
      List<Dim> d = new ArrayList<>();
      for (long x : is) d.add(Dim.of(x));
      return Const.ofDims(DType.I64, new long[] {d.size()}, d.toArray(new Dim[0]));
    }
    throw n.unsupported("only tensor, float and int values are supported (not strings or sparse tensors)");
  }
}

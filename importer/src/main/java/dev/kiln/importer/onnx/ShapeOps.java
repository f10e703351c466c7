package dev.kiln.importer.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Translators of operators that move elements: Reshape, Unsqueeze and Squeeze become
 * {@code reshape(x, shape: [..])} with the inferred target (symbolic dimensions by name),
 * Flatten {@code flatten}, Transpose {@code transpose(x, perm: [..])}, Concat {@code concat},
 * Slice and Split subscripts ({@code x[:, 0:T]}; a step other than 1 gathers the indices it takes), Gather {@code embedding}/{@code gather} or a constant
 * subscript, Expand a broadcast against {@code zeros}. A shape that does not change makes the
 * output an alias of the input (no line).
 */
final class ShapeOps {
  private ShapeOps() {}

  static void register(OpTable t) {
    t.put("Reshape", n -> reshapeTo(n, ShapeMath.reshape(n, n.in(0).shape())));
    t.put("Unsqueeze", n -> reshapeTo(n, ShapeMath.unsqueeze(n, n.in(0).shape())));
    t.put("Squeeze", n -> reshapeTo(n, ShapeMath.squeeze(n, n.in(0).shape())));
    t.put("Flatten", ShapeOps::flatten);
    t.put("Transpose", ShapeOps::transpose);
    t.put("Concat", ShapeOps::concat);
    t.put("Slice", ShapeOps::slice);
    t.put("Gather", ShapeOps::gather);
    t.put("Expand", ShapeOps::expand);
    t.put("Split", ShapeOps::split);
    for (String folded : List.of("Shape", "Size", "Constant", "ConstantOfShape", "Range")) {
      t.put(folded, n -> {
        throw n.unsupported("it must be evaluated at import time, but its inputs are only known when the model runs");
      });
    }
  }

  static String dims(List<Dim> shape) {
    List<String> s = new ArrayList<>();
    for (Dim d : shape) s.add(d.text());
    return "[" + String.join(", ", s) + "]";
  }

  private static void reshapeTo(Node n, List<Dim> shape) {
    Val x = n.in(0);
    if (shape.equals(x.shape())) {
      n.alias(0, x);
      return;
    }
    n.out(0, "reshape(" + n.ref(x) + ", shape: " + dims(shape) + ")", x.dtype(), shape);
  }

  private static void flatten(Node n) {
    Val x = n.in(0);
    List<Dim> shape = ShapeMath.flatten(n, x.shape());
    int axis = ShapeMath.axis(n.attrs.i("axis", 1), x.rank() + 1, "axis");
    n.out(0, "flatten(" + n.ref(x) + (axis == 1 ? "" : ", axis: " + axis) + ")", x.dtype(), shape);
  }

  private static void transpose(Node n) {
    Val x = n.in(0);
    int[] perm = Transposes.perm(n, x.rank());
    List<Dim> shape = new ArrayList<>();
    List<String> p = new ArrayList<>();
    boolean identity = true;
    for (int a = 0; a < perm.length; a++) {
      shape.add(x.shape().get(perm[a]));
      p.add(Integer.toString(perm[a]));
      identity &= perm[a] == a;
    }
    if (identity) {
      n.alias(0, x);
      return;
    }
    n.out(0, "transpose(" + n.ref(x) + ", perm: [" + String.join(", ", p) + "])", x.dtype(), shape);
  }

  private static void concat(Node n) {
    List<Val> parts = new ArrayList<>();
    for (int i = 0; i < n.inputCount(); i++) {
      if (n.has(i) && !isEmpty(n.in(i))) parts.add(n.in(i));
    }
    if (parts.isEmpty()) throw n.unsupported("all inputs are empty");
    if (parts.size() == 1) {
      n.alias(0, parts.get(0));
      return;
    }
    Val first = parts.get(0);
    int axis = ShapeMath.axis(n.attrs.i("axis", 0), first.rank(), "axis");
    List<Dim> shape = new ArrayList<>(first.shape());
    List<String> refs = new ArrayList<>();
    Dim total = Dim.of(0);
    for (Val p : parts) {
      total = total.plus(p.shape().get(axis));
      refs.add(n.ref(p));
    }
    shape.set(axis, total);
    n.out(0, "concat(" + String.join(", ", refs) + ", axis: " + axis + ")", first.dtype(), shape);
  }

  private static boolean isEmpty(Val v) {
    for (Dim d : v.shape()) if (d.isConstant() && d.value() == 0) return true;
    return false;
  }

  private static void slice(Node n) {
    Val x = n.in(0);
    List<Slices.Range> ranges = Slices.resolve(n, x.shape());
    List<Slices.Range> unit = new ArrayList<>();
    for (Slices.Range r : ranges) if (r.indices() == null) unit.add(r);
    String sub = subscript(n, x, unit);
    String e = n.ref(x) + (sub == null ? "" : sub);
    boolean changed = sub != null;
    for (Slices.Range r : ranges) {
      if (r.indices() == null) continue;
      // A step other than 1: gather the indices the range takes.
      Dim[] ids = new Dim[r.indices().length];
      for (int i = 0; i < ids.length; i++) ids[i] = Dim.of(r.indices()[i]);
      Val.Known k = new Val.Known(Const.ofDims(dev.kiln.ir.DType.I64, new long[] {ids.length}, ids),
          n.proto.getOutput(0) + ".indices" + r.axis());
      e = "gather(" + e + ", " + n.ref(k) + ", axis: " + r.axis() + ")";
      changed = true;
    }
    if (!changed) {
      n.alias(0, x);
      return;
    }
    n.out(0, e, x.dtype(), sliced(x, ranges));
  }

  /** Split: one slice per output, along one axis. */
  private static void split(Node n) {
    Val x = n.in(0);
    int axis = ShapeMath.axis(n.attrs.i("axis", 0), x.rank(), "axis");
    Dim d = x.shape().get(axis);
    int outs = n.proto.getOutputCount();
    List<Dim> sizes = new ArrayList<>();
    List<Long> given = n.opset() < 13 ? n.attrs.ints("split") : n.has(1) ? toList(n.known(1, "split").longs()) : null;
    if (given != null && !given.isEmpty()) {
      for (long v : given) sizes.add(Dim.of(v));
    } else {
      Dim part = d.exactDiv(Dim.of(outs));
      if (part == null) throw n.unsupported("an equal split of the dimension " + d + " into " + outs + " parts");
      for (int i = 0; i < outs; i++) sizes.add(part);
    }
    if (sizes.size() != outs) throw n.unsupported(sizes.size() + " split sizes for " + outs + " outputs");
    Dim start = Dim.of(0);
    for (int i = 0; i < outs; i++) {
      Dim end = start.plus(sizes.get(i));
      if (n.wants(i)) {
        List<Slices.Range> r = List.of(new Slices.Range(axis, start, end, 1, null));
        String sub = subscript(n, x, r);
        if (sub == null) n.alias(i, x);
        else n.out(i, n.ref(x) + sub, x.dtype(), sliced(x, r));
      }
      start = end;
    }
  }

  private static List<Long> toList(long[] v) {
    List<Long> l = new ArrayList<>();
    for (long x : v) l.add(x);
    return l;
  }

  private static List<Dim> sliced(Val x, List<Slices.Range> ranges) {
    List<Dim> shape = new ArrayList<>(x.shape());
    for (Slices.Range r : ranges) shape.set(r.axis(), r.length());
    return shape;
  }

  /** The subscript ({@code [:, 0:T]}) that takes the ranges; null when it takes everything. */
  private static String subscript(Node n, Val x, List<Slices.Range> ranges) {
    String[] subs = new String[x.rank()];
    int last = -1;
    for (Slices.Range r : ranges) {
      String s = bounds(n, r, x.shape().get(r.axis()));
      if (!s.equals(":")) {
        subs[r.axis()] = s;
        last = Math.max(last, r.axis());
      }
    }
    if (last < 0) return null;
    List<String> parts = new ArrayList<>();
    for (int a = 0; a <= last; a++) parts.add(subs[a] == null ? ":" : subs[a]);
    return "[" + String.join(", ", parts) + "]";
  }

  /** The Kiln slice text of one range; a symbolic axis may only be cut from its end. */
  private static String bounds(Node n, Slices.Range r, Dim d) {
    String start = r.start().isConstant() && r.start().value() == 0 ? "" : r.start().text();
    if (r.end().equals(d)) return start + ":";
    if (d.isConstant()) return (r.end().isConstant() ? start : r.start().text()) + ":" + r.end().text();
    Dim fromEnd = d.minus(r.end());
    if (fromEnd.isConstant() && r.start().isConstant()) return start + ":-" + fromEnd.value();
    throw n.unsupported("a slice " + r.start() + ":" + r.end() + " of the symbolic dimension " + d
        + " (Kiln slices a symbolic dimension only from its end; fix the size with --input-shape)");
  }

  private static void gather(Node n) {
    Val data = n.in(0);
    Val ids = n.in(1);
    int axis = ShapeMath.axis(n.attrs.i("axis", 0), data.rank(), "axis");
    if (!ids.dtype().isInt()) throw n.unsupported("its indices are " + ids.dtype() + ", not integers");
    List<Dim> shape = new ArrayList<>(data.shape().subList(0, axis));
    shape.addAll(ids.shape());
    shape.addAll(data.shape().subList(axis + 1, data.rank()));
    if (ids instanceof Val.Known k && k.rank() == 0 && !k.value().isSymbolic()) {
      long i = k.value().dimAt(0).value();
      Dim d = data.shape().get(axis);
      if (i < 0 && d.isConstant()) i += d.value();
      if (i < 0) throw n.unsupported("the negative index " + i + " on the symbolic dimension " + d);
      List<String> subs = new ArrayList<>();
      for (int a = 0; a < axis; a++) subs.add(":");
      subs.add(Long.toString(i));
      n.out(0, n.ref(data) + "[" + String.join(", ", subs) + "]", data.dtype(), shape);
      return;
    }
    n.im.note("Gather: Kiln checks indices when the model runs and rejects negative ones, which ONNX counts from the end");
    String call = axis == 0 && data.rank() == 2 ? "embedding(" + n.ref(data) + ", " + n.ref(ids) + ")"
        : "gather(" + n.ref(data) + ", " + n.ref(ids) + ", axis: " + axis + ")";
    n.out(0, call, data.dtype(), shape);
  }

  private static void expand(Node n) {
    Val x = n.in(0);
    List<Dim> target = new ArrayList<>(List.of(n.known(1, "shape").dims()));
    List<Dim> shape = ShapeMath.broadcast(x.shape(), target);
    if (shape.equals(x.shape())) {
      n.alias(0, x);
      return;
    }
    for (Dim d : shape) {
      if (!d.isConstant()) throw n.unsupported("an expansion to the symbolic shape " + shape);
    }
    String zeros = "zeros(" + dims(shape) + (x.dtype() == dev.kiln.ir.DType.F32 ? "" : ", dtype: " + x.dtype().text()) + ")";
    n.out(0, n.ref(x) + " + " + zeros, x.dtype(), shape);
  }
}

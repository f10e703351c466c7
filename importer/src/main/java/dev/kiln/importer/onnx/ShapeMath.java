package dev.kiln.importer.onnx;

import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape inference over {@link Dim}s for the operators whose output shape is a function of input
 * shapes and attributes: Shape, Unsqueeze, Squeeze, Reshape (0 copies a dimension, -1 is solved by
 * exact division), Flatten, NumPy broadcasting and matmul, and the output size of a convolution
 * or pooling window, {@code (d + pad_begin + pad_end - k) / stride + 1}.
 */
final class ShapeMath {
  private ShapeMath() {}

  static int axis(long a, int rank, String what) {
    if (a < -rank || a >= rank) throw new ImportException(what + " " + a + " is out of range for rank " + rank);
    return (int) (a < 0 ? a + rank : a);
  }

  static Const shapeOf(Node n, List<Dim> s) {
    int r = s.size();
    long start = n.attrs.i("start", 0);
    long end = n.attrs.i("end", r);
    int a = (int) Math.max(0, Math.min(r, start < 0 ? start + r : start));
    int b = (int) Math.max(0, Math.min(r, end < 0 ? end + r : end));
    List<Dim> out = new ArrayList<>();
    for (int i = a; i < b; i++) out.add(s.get(i));
    return Const.ofDims(DType.I64, new long[] {out.size()}, out.toArray(new Dim[0]));
  }

  /** Axes from the attribute (before opset 13) or from input 1. */
  static List<Long> axes(Node n, int opsetAsInput, int input) {
    if (n.opset() < opsetAsInput || n.attrs.has("axes")) return n.attrs.ints("axes");
    if (!n.has(input)) return null;
    List<Long> out = new ArrayList<>();
    for (long v : n.known(input, "axes").longs()) out.add(v);
    return out;
  }

  static List<Dim> unsqueeze(Node n, List<Dim> in) {
    List<Long> axes = axes(n, 13, 1);
    if (axes == null) throw new ImportException("Unsqueeze needs axes");
    int r = in.size() + axes.size();
    boolean[] added = new boolean[r];
    for (long a : axes) added[axis(a, r, "axis")] = true;
    List<Dim> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < r; i++) out.add(added[i] ? Dim.of(1) : in.get(k++));
    return out;
  }

  static List<Dim> squeeze(Node n, List<Dim> in) {
    List<Long> axes = axes(n, 13, 1);
    boolean[] drop = new boolean[in.size()];
    if (axes == null || axes.isEmpty()) {
      for (int i = 0; i < in.size(); i++) {
        if (!in.get(i).isConstant()) {
          throw new ImportException("Squeeze without axes on the symbolic dimension " + in.get(i));
        }
        drop[i] = in.get(i).value() == 1;
      }
    } else {
      for (long a : axes) {
        int ax = axis(a, in.size(), "axis");
        if (in.get(ax).isConstant() && in.get(ax).value() != 1) {
          throw new ImportException("Squeeze of axis " + a + ", which has size " + in.get(ax));
        }
        drop[ax] = true;
      }
    }
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) if (!drop[i]) out.add(in.get(i));
    return out;
  }

  static List<Dim> reshape(Node n, List<Dim> in) {
    Dim[] target = n.known(1, "target shape").dims();
    boolean allowZero = n.attrs.i("allowzero", 0) != 0;
    List<Dim> out = new ArrayList<>();
    int infer = -1;
    for (int i = 0; i < target.length; i++) {
      Dim d = target[i];
      if (d.isConstant() && d.value() == 0 && !allowZero) {
        if (i >= in.size()) throw new ImportException("target shape copies dimension " + i + " of a rank-" + in.size() + " input");
        d = in.get(i);
      } else if (d.isConstant() && d.value() == -1) {
        if (infer >= 0) throw new ImportException("target shape has more than one -1");
        infer = i;
      } else if (d.isConstant() && d.value() < 0) {
        throw new ImportException("target shape has the dimension " + d.value());
      }
      out.add(d);
    }
    if (infer >= 0) {
      Dim known = Dim.of(1);
      for (int i = 0; i < out.size(); i++) if (i != infer) known = known.times(out.get(i));
      Dim q = product(in).exactDiv(known);
      if (q == null) {
        throw new ImportException("cannot infer the -1 of target shape " + out + " from an input of shape " + in);
      }
      out.set(infer, q);
    }
    return out;
  }

  static List<Dim> flatten(Node n, List<Dim> in) {
    int a = axis(n.attrs.i("axis", 1), in.size() + 1, "axis");
    return List.of(product(in.subList(0, a)), product(in.subList(a, in.size())));
  }

  static Dim product(List<Dim> ds) {
    Dim p = Dim.of(1);
    for (Dim d : ds) p = p.times(d);
    return p;
  }

  /** NumPy broadcasting; symbolic dimensions that differ are assumed equal (Kiln checks them when it runs). */
  static List<Dim> broadcast(List<Dim> a, List<Dim> b) {
    int r = Math.max(a.size(), b.size());
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      Dim x = i < r - a.size() ? Dim.of(1) : a.get(i - (r - a.size()));
      Dim y = i < r - b.size() ? Dim.of(1) : b.get(i - (r - b.size()));
      if (isOne(x)) out.add(y);
      else if (isOne(y) || x.equals(y)) out.add(x);
      else if (x.isConstant() && y.isConstant()) {
        throw new ImportException("shapes " + a + " and " + b + " do not broadcast");
      } else {
        out.add(x.isConstant() ? x : y);
      }
    }
    return out;
  }

  static boolean isOne(Dim d) { return d.isConstant() && d.value() == 1; }

  /** The shape of {@code a @ b} as NumPy's matmul computes it. */
  static List<Dim> matmul(List<Dim> a, List<Dim> b) {
    if (a.isEmpty() || b.isEmpty()) throw new ImportException("MatMul of a scalar");
    List<Dim> x = new ArrayList<>(a);
    List<Dim> y = new ArrayList<>(b);
    if (x.size() == 1) x.add(0, Dim.of(1));
    if (y.size() == 1) y.add(Dim.of(1));
    List<Dim> batch = broadcast(x.subList(0, x.size() - 2), y.subList(0, y.size() - 2));
    List<Dim> out = new ArrayList<>(batch);
    if (a.size() > 1) out.add(x.get(x.size() - 2));
    if (b.size() > 1) out.add(y.get(y.size() - 1));
    return out;
  }

  /** Output size of a sliding window: {@code (d + padBegin + padEnd - k) / stride + 1}. */
  static Dim window(Dim d, long padBegin, long padEnd, long k, long stride) {
    return d.plus(padBegin + padEnd - k).floorDiv(stride).plus(1);
  }
}

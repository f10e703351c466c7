package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The import-time evaluation of single operators on known tensors (see {@link Folding}). Integer
 * and bool tensors compute on {@link Dim}s (symbolic elements allowed where the operation is
 * exact: +, -, *, division by a positive constant, equality of equal texts); a result that would
 * need the value of a symbolic element returns null, and the node is then translated instead.
 */
final class FoldOps {
  private FoldOps() {}

  static Const reshape(Const c, List<Dim> shape) {
    long[] s = staticShape(shape);
    return c.dtype.isFloat() ? Const.ofReals(c.dtype, s, c.reals()) : Const.ofDims(c.dtype, s, c.dims());
  }

  static long[] staticShape(List<Dim> shape) {
    long[] s = new long[shape.size()];
    for (int i = 0; i < s.length; i++) {
      if (!shape.get(i).isConstant()) throw new ImportException("a known tensor cannot take the symbolic shape " + shape);
      s[i] = shape.get(i).value();
    }
    return s;
  }

  static Const cast(Const c, DType to) {
    int n = Math.toIntExact(c.size());
    if (to.isFloat()) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) v[i] = c.realAt(i);
      return Const.ofReals(to, c.shape, v);
    }
    Dim[] d = new Dim[n];
    for (int i = 0; i < n; i++) {
      if (!c.dtype.isFloat() && !to.isBool()) {
        d[i] = c.dimAt(i);
      } else {
        double v = c.realAt(i);
        d[i] = Dim.of(to.isBool() ? (v != 0 ? 1 : 0) : (long) v);
      }
    }
    return Const.ofDims(to, c.shape, d);
  }

  static Const concat(Node n) {
    List<Const> parts = new ArrayList<>();
    for (int i = 0; i < n.inputCount(); i++) if (n.has(i)) parts.add(n.known(i, "input"));
    Const first = parts.get(0);
    int r = first.rank();
    int axis = ShapeMath.axis(n.attrs.i("axis", 0), r, "axis");
    long[] shape = first.shape.clone();
    shape[axis] = 0;
    for (Const p : parts) shape[axis] += p.shape[axis];
    long outer = 1;
    for (int a = 0; a < axis; a++) outer *= shape[a];
    List<Object> out = new ArrayList<>();
    for (long o = 0; o < outer; o++) {
      for (Const p : parts) {
        long inner = p.size() / Math.max(1, outer);
        for (long k = 0; k < inner; k++) out.add(element(p, (int) (o * inner + k)));
      }
    }
    return build(first.dtype, shape, out);
  }

  static Const gather(Node n) {
    Const data = n.known(0, "data");
    Const idx = n.known(1, "indices");
    int axis = ShapeMath.axis(n.attrs.i("axis", 0), data.rank(), "axis");
    long[] ids = idx.longs();
    long dimLen = data.shape[axis];
    long outer = 1;
    long inner = 1;
    for (int a = 0; a < axis; a++) outer *= data.shape[a];
    for (int a = axis + 1; a < data.rank(); a++) inner *= data.shape[a];
    List<Object> out = new ArrayList<>();
    for (long o = 0; o < outer; o++) {
      for (long id : ids) {
        long j = id < 0 ? id + dimLen : id;
        if (j < 0 || j >= dimLen) throw new ImportException("Gather index " + id + " is out of range for " + dimLen);
        for (long k = 0; k < inner; k++) out.add(element(data, (int) ((o * dimLen + j) * inner + k)));
      }
    }
    List<Long> shape = new ArrayList<>();
    for (int a = 0; a < axis; a++) shape.add(data.shape[a]);
    for (long d : idx.shape) shape.add(d);
    for (int a = axis + 1; a < data.rank(); a++) shape.add(data.shape[a]);
    return build(data.dtype, shape.stream().mapToLong(Long::longValue).toArray(), out);
  }

  static Const slice(Node n) {
    Const data = n.known(0, "data");
    List<Slices.Range> ranges = Slices.resolve(n, n.in(0).shape());
    int r = data.rank();
    long[][] picks = new long[r][];
    long[] shape = data.shape.clone();
    for (Slices.Range g : ranges) {
      if (!g.start().isConstant() || !g.end().isConstant()) return null;
      long[] idx = g.indices();
      if (idx == null) {
        idx = new long[(int) g.length().value()];
        for (int i = 0; i < idx.length; i++) idx[i] = g.start().value() + i;
      }
      picks[g.axis()] = idx;
      shape[g.axis()] = idx.length;
    }
    List<Object> out = new ArrayList<>();
    long total = 1;
    for (long d : shape) total *= d;
    long[] strides = strides(data.shape);
    for (long flat = 0; flat < total; flat++) {
      long rem = flat;
      long src = 0;
      for (int a = r - 1; a >= 0; a--) {
        long i = rem % shape[a];
        rem /= shape[a];
        src += (picks[a] == null ? i : picks[a][(int) i]) * strides[a];
      }
      out.add(element(data, (int) src));
    }
    return build(data.dtype, shape, out);
  }

  static Const transpose(Node n) {
    Const data = n.known(0, "data");
    int r = data.rank();
    int[] perm = Transposes.perm(n, r);
    long[] shape = new long[r];
    for (int a = 0; a < r; a++) shape[a] = data.shape[perm[a]];
    long[] strides = strides(data.shape);
    List<Object> out = new ArrayList<>();
    for (long flat = 0; flat < data.size(); flat++) {
      long rem = flat;
      long src = 0;
      for (int a = r - 1; a >= 0; a--) {
        long i = rem % shape[a];
        rem /= shape[a];
        src += i * strides[perm[a]];
      }
      out.add(element(data, (int) src));
    }
    return build(data.dtype, shape, out);
  }

  static Const binary(Node n, String op) {
    Const a = n.known(0, "first operand");
    Const b = n.known(1, "second operand");
    boolean bool = List.of("==", "<", ">", "&&", "||").contains(op);
    DType t = bool ? DType.BOOL : a.dtype;
    List<Dim> shape = ShapeMath.broadcast(dims(a.shape), dims(b.shape));
    long[] s = staticShape(shape);
    int total = 1;
    for (long d : s) total *= (int) d;
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      int ia = broadcastIndex(i, s, a.shape);
      int ib = broadcastIndex(i, s, b.shape);
      Object v = a.dtype.isFloat() ? real(op, a.realAt(ia), b.realAt(ib)) : integer(op, a.dimAt(ia), b.dimAt(ib));
      if (v == null) return null;
      out.add(v);
    }
    return build(t, s, out);
  }

  private static Object real(String op, double x, double y) {
    return switch (op) {
      case "+" -> x + y;
      case "-" -> x - y;
      case "*" -> x * y;
      case "/" -> x / y;
      case "max" -> Math.max(x, y);
      case "min" -> Math.min(x, y);
      case "==" -> Dim.of(x == y ? 1 : 0);
      case "<" -> Dim.of(x < y ? 1 : 0);
      case ">" -> Dim.of(x > y ? 1 : 0);
      default -> throw new ImportException("`" + op + "` of floating-point tensors");
    };
  }

  /** Integer arithmetic on Dims; null when it needs the value of a symbolic dimension. */
  private static Dim integer(String op, Dim x, Dim y) {
    boolean consts = x.isConstant() && y.isConstant();
    return switch (op) {
      case "+" -> x.plus(y);
      case "-" -> x.minus(y);
      case "*" -> x.times(y);
      // ONNX integer division truncates; a symbolic dividend is a dimension, never negative.
      case "/" -> consts ? (y.value() == 0 ? null : Dim.of(x.value() / y.value()))
          : y.isConstant() && y.value() > 0 ? x.floorDiv(y.value()) : null;
      case "max" -> consts ? Dim.of(Math.max(x.value(), y.value())) : x.equals(y) ? x : null;
      case "min" -> consts ? Dim.of(Math.min(x.value(), y.value())) : x.equals(y) ? x : null;
      case "==" -> x.equals(y) ? Dim.of(1) : consts ? Dim.of(0) : null;
      case "<" -> consts ? Dim.of(x.value() < y.value() ? 1 : 0) : null;
      case ">" -> consts ? Dim.of(x.value() > y.value() ? 1 : 0) : null;
      case "&&" -> consts ? Dim.of(x.value() != 0 && y.value() != 0 ? 1 : 0) : null;
      case "||" -> consts ? Dim.of(x.value() != 0 || y.value() != 0 ? 1 : 0) : null;
      default -> null;
    };
  }

  static Const unary(Const c, DoubleUnaryOperator f) {
    int n = Math.toIntExact(c.size());
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!c.dtype.isFloat() && !c.dimAt(i).isConstant()) return null;
      double v = f.applyAsDouble(c.realAt(i));
      out.add(c.dtype.isFloat() ? (Object) v : Dim.of((long) v));
    }
    return build(c.dtype, c.shape, out);
  }

  static Const where(Node n) {
    Const c = n.known(0, "condition");
    Const x = n.known(1, "first choice");
    Const y = n.known(2, "second choice");
    List<Dim> shape = ShapeMath.broadcast(ShapeMath.broadcast(dims(c.shape), dims(x.shape)), dims(y.shape));
    long[] s = staticShape(shape);
    int total = 1;
    for (long d : s) total *= (int) d;
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      Dim cond = c.dimAt(broadcastIndex(i, s, c.shape));
      if (!cond.isConstant()) return null;
      Const pick = cond.value() != 0 ? x : y;
      out.add(element(pick, broadcastIndex(i, s, pick.shape)));
    }
    return build(x.dtype, s, out);
  }

  static Const range(Node n) {
    Const start = n.known(0, "start");
    double a = start.realAt(0);
    double limit = n.known(1, "limit").realAt(0);
    double delta = n.known(2, "delta").realAt(0);
    if (delta == 0) throw new ImportException("Range with delta 0");
    long count = Math.max((long) Math.ceil((limit - a) / delta), 0);
    double[] v = new double[Math.toIntExact(count)];
    for (int i = 0; i < v.length; i++) v[i] = a + i * delta;
    return Const.of(start.dtype, new long[] {count}, v);
  }

  static Const constantOfShape(Node n) {
    long[] shape = n.known(0, "shape").longs();
    TensorProto t = n.attrs.t("value");
    Const value = t == null ? Const.ofReals(DType.F32, new long[0], new double[] {0})
        : Const.fromProto(t, "ConstantOfShape's value", null);
    long total = 1;
    for (long d : shape) total *= d;
    if (total > Folding.MAX_ELEMENTS) return null;
    double[] v = new double[(int) total];
    java.util.Arrays.fill(v, value.realAt(0));
    return Const.of(value.dtype, shape, v);
  }

  // --- helpers -------------------------------------------------------------------------------

  static List<Dim> dims(long[] shape) {
    List<Dim> d = new ArrayList<>();
    for (long x : shape) d.add(Dim.of(x));
    return d;
  }

  private static Object element(Const c, int i) {
    return c.dtype.isFloat() ? (Object) c.realAt(i) : c.dimAt(i);
  }

  private static Const build(DType t, long[] shape, List<Object> elems) {
    if (t.isFloat()) {
      double[] v = new double[elems.size()];
      for (int i = 0; i < v.length; i++) v[i] = (Double) elems.get(i);
      return Const.ofReals(t, shape, v);
    }
    return Const.ofDims(t, shape, elems.toArray(new Dim[0]));
  }

  static long[] strides(long[] shape) {
    long[] s = new long[shape.length];
    long acc = 1;
    for (int a = shape.length - 1; a >= 0; a--) {
      s[a] = acc;
      acc *= shape[a];
    }
    return s;
  }

  /** The flat index into a tensor of {@code from} that broadcasting maps output element {@code flat} to. */
  private static int broadcastIndex(int flat, long[] out, long[] from) {
    long[] strides = strides(from);
    int off = out.length - from.length;
    long rem = flat;
    long src = 0;
    for (int a = out.length - 1; a >= 0; a--) {
      long i = rem % out[a];
      rem /= out[a];
      int fa = a - off;
      if (fa >= 0 && from[fa] != 1) src += i * strides[fa];
    }
    return (int) src;
  }
}

package dev.kiln.importer.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Translators of the network operators: MatMul ({@code a @ b}), Gemm, Softmax/LogSoftmax, the
 * reductions ({@code mean(x, axis: [..], keepdims: true)}), ArgMax, LayerNormalization, and the
 * 2-D image operators of std/nn: Conv ({@code conv2d} with stride, pad and groups, a bias added
 * as a {@code [F, 1, 1]} view), BatchNormalization ({@code batch_norm}), MaxPool/AveragePool
 * ({@code max_pool2d}/{@code avg_pool2d}) and the global pools (a mean or max over the spatial axes
 * that keeps them, as ONNX does).
 */
final class NnOps {
  private NnOps() {}

  static void register(OpTable t) {
    t.put("MatMul", NnOps::matmul);
    t.put("Gemm", NnOps::gemm);
    t.put("Softmax", n -> softmax(n, "softmax"));
    t.put("LogSoftmax", n -> softmax(n, "log_softmax"));
    for (String r : List.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd")) t.put(r, NnOps::reduce);
    t.put("ArgMax", NnOps::argmax);
    t.put("LayerNormalization", NnOps::layerNorm);
    t.put("Conv", Conv::translate);
    t.put("BatchNormalization", NnOps::batchNorm);
    t.put("MaxPool", n -> Conv.pool(n, "max_pool2d"));
    t.put("AveragePool", n -> Conv.pool(n, "avg_pool2d"));
    t.put("GlobalAveragePool", n -> globalPool(n, "mean"));
    t.put("GlobalMaxPool", n -> globalPool(n, "max"));
  }

  /**
   * {@code a @ b}. Kiln batches over equal leading axes (or a 2-D right operand); other NumPy
   * broadcasts flatten a right operand whose batch axes are all 1, or expand both operands to the
   * common batch shape when it is static.
   */
  private static void matmul(Node n) {
    Val a = n.in(0);
    Val b = n.in(1);
    List<Dim> out = ShapeMath.matmul(a.shape(), b.shape());
    int ra = a.rank();
    int rb = b.rank();
    if (rb <= 2 || ra == rb && a.shape().subList(0, ra - 2).equals(b.shape().subList(0, rb - 2))) {
      n.out(0, n.ref(a) + " @ " + n.ref(b), a.dtype(), out);
      return;
    }
    if (ra < 2) throw n.unsupported("a 1-D left operand with a batched right operand");
    List<Dim> batch = out.subList(0, out.size() - 2);
    if (b.shape().subList(0, rb - 2).stream().allMatch(ShapeMath::isOne)) {
      List<Dim> flat = b.shape().subList(rb - 2, rb);
      String e = n.ref(a) + " @ reshape(" + n.ref(b) + ", shape: " + ShapeOps.dims(flat) + ")";
      List<Dim> got = ShapeMath.matmul(a.shape(), flat);
      n.out(0, got.equals(out) ? e : "reshape(" + e + ", shape: " + ShapeOps.dims(out) + ")", a.dtype(), out);
      return;
    }
    n.out(0, expanded(n, a, batch) + " @ " + expanded(n, b, batch), a.dtype(), out);
  }

  private static String expanded(Node n, Val x, List<Dim> batch) {
    List<Dim> full = new ArrayList<>(batch);
    full.addAll(x.shape().subList(x.rank() - 2, x.rank()));
    if (full.equals(x.shape())) return n.ref(x);
    for (Dim d : full) {
      if (!d.isConstant()) throw n.unsupported("a matmul that broadcasts over the symbolic batch shape " + batch);
    }
    return "(" + n.ref(x) + " + zeros(" + ShapeOps.dims(full) + "))";
  }

  private static void gemm(Node n) {
    Val a = n.in(0);
    Val b = n.in(1);
    boolean ta = n.attrs.i("transA", 0) != 0;
    boolean tb = n.attrs.i("transB", 0) != 0;
    float alpha = n.attrs.f("alpha", 1f);
    float beta = n.attrs.f("beta", 1f);
    Dim m = a.shape().get(ta ? 1 : 0);
    Dim cols = b.shape().get(tb ? 0 : 1);
    String x = ta ? "transpose(" + n.ref(a) + ")" : n.ref(a);
    String y = tb ? "transpose(" + n.ref(b) + ")" : n.ref(b);
    String e = x + " @ " + y;
    if (alpha != 1f) e = "(" + e + ") * " + Literals.f32(alpha);
    List<Dim> shape = List.of(m, cols);
    if (n.has(2)) {
      Val c = n.in(2);
      String bias = n.arg(c, a);
      if (beta != 1f) bias = bias + " * " + Literals.f32(beta);
      e = e + " + " + bias;
      shape = ShapeMath.broadcast(shape, c.shape());
    }
    n.out(0, e, a.dtype(), shape);
  }

  private static void softmax(Node n, String f) {
    Val x = n.in(0);
    int r = x.rank();
    int axis = ShapeMath.axis(n.attrs.i("axis", n.opset() < 13 ? 1 : -1), r, "axis");
    if (n.opset() >= 13 || axis == r - 1) {
      n.out(0, f + "(" + n.ref(x) + ", axis: " + (axis == r - 1 ? -1 : axis) + ")", x.dtype(), x.shape());
      return;
    }
    // Before opset 13, Softmax works on the input flattened to 2-D at `axis`.
    List<Dim> flat = List.of(ShapeMath.product(x.shape().subList(0, axis)), ShapeMath.product(x.shape().subList(axis, r)));
    n.out(0, "reshape(" + f + "(reshape(" + n.ref(x) + ", shape: " + ShapeOps.dims(flat) + "), axis: 1), shape: "
        + ShapeOps.dims(x.shape()) + ")", x.dtype(), x.shape());
  }

  private static void reduce(Node n) {
    Val x = n.in(0);
    String f = switch (n.op()) {
      case "ReduceMean" -> "mean";
      case "ReduceSum" -> "sum";
      case "ReduceMax" -> "max";
      case "ReduceMin" -> "min";
      default -> "prod";
    };
    List<Long> axes = ShapeMath.axes(n, n.op().equals("ReduceSum") ? 13 : 18, 1);
    boolean keep = n.attrs.i("keepdims", 1) != 0;
    if ((axes == null || axes.isEmpty()) && n.attrs.i("noop_with_empty_axes", 0) != 0) {
      n.alias(0, x);
      return;
    }
    boolean[] reduced = new boolean[x.rank()];
    List<String> list = new ArrayList<>();
    if (axes == null || axes.isEmpty()) {
      for (int a = 0; a < x.rank(); a++) reduced[a] = true;
    } else {
      for (long a : axes) {
        int ax = ShapeMath.axis(a, x.rank(), "axis");
        reduced[ax] = true;
        list.add(Long.toString(a));
      }
    }
    List<Dim> shape = new ArrayList<>();
    for (int a = 0; a < x.rank(); a++) {
      if (!reduced[a]) shape.add(x.shape().get(a));
      else if (keep) shape.add(Dim.of(1));
    }
    String axisArg = list.isEmpty() ? "" : ", axis: " + (list.size() == 1 ? list.get(0) : "[" + String.join(", ", list) + "]");
    n.out(0, f + "(" + n.ref(x) + axisArg + (keep ? ", keepdims: true" : "") + ")", x.dtype(), shape);
  }

  private static void argmax(Node n) {
    Val x = n.in(0);
    if (n.attrs.i("select_last_index", 0) != 0) throw n.unsupported("select_last_index = 1 is not supported");
    int axis = ShapeMath.axis(n.attrs.i("axis", 0), x.rank(), "axis");
    boolean keep = n.attrs.i("keepdims", 1) != 0;
    List<Dim> dropped = new ArrayList<>(x.shape());
    dropped.remove(axis);
    String call = "argmax(" + n.ref(x) + ", axis: " + axis + ")";
    if (!keep) {
      n.out(0, call, dev.kiln.ir.DType.I64, dropped);
      return;
    }
    List<Dim> kept = new ArrayList<>(x.shape());
    kept.set(axis, Dim.of(1));
    n.out(0, "reshape(" + call + ", shape: " + ShapeOps.dims(kept) + ")", dev.kiln.ir.DType.I64, kept);
  }

  private static void layerNorm(Node n) {
    Val x = n.in(0);
    int axis = ShapeMath.axis(n.attrs.i("axis", -1), x.rank(), "axis");
    if (axis != x.rank() - 1) throw n.unsupported("normalization over axes " + axis + ".. (Kiln's layer_norm uses the last axis)");
    if (n.wants(1) || n.wants(2)) throw n.unsupported("its mean and inverse-deviation outputs are not supported");
    String bias = n.has(2) ? n.ref(n.in(2)) : "zeros([" + x.shape().get(axis).text() + "])";
    float eps = n.attrs.f("epsilon", 1e-5f);
    n.out(0, "layer_norm(" + n.ref(x) + ", " + n.ref(n.in(1)) + ", " + bias + ", eps: " + Literals.f32(eps) + ")",
        x.dtype(), x.shape());
  }

  private static void batchNorm(Node n) {
    Val x = n.in(0);
    if (x.rank() != 4) throw n.unsupported("a rank-" + x.rank() + " input (Kiln's batch_norm takes NCHW)");
    for (int i = 1; i < 5; i++) if (n.wants(i)) throw n.unsupported("training outputs are not supported");
    if (n.attrs.i("training_mode", 0) != 0) throw n.unsupported("training_mode = 1 is not supported");
    float eps = n.attrs.f("epsilon", 1e-5f);
    n.out(0, "batch_norm(" + n.ref(x) + ", " + n.ref(n.in(1)) + ", " + n.ref(n.in(2)) + ", " + n.ref(n.in(3)) + ", "
        + n.ref(n.in(4)) + (eps == 1e-5f ? "" : ", eps: " + Literals.f32(eps)) + ")", x.dtype(), x.shape());
  }

  private static void globalPool(Node n, String f) {
    Val x = n.in(0);
    if (x.rank() < 3) throw n.unsupported("a rank-" + x.rank() + " input");
    List<String> axes = new ArrayList<>();
    List<Dim> shape = new ArrayList<>(x.shape().subList(0, 2));
    for (int a = 2; a < x.rank(); a++) {
      axes.add(Integer.toString(a));
      shape.add(Dim.of(1));
    }
    n.out(0, f + "(" + n.ref(x) + ", axis: [" + String.join(", ", axes) + "], keepdims: true)", x.dtype(), shape);
  }
}

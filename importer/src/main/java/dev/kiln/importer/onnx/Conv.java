package dev.kiln.importer.onnx;

import java.util.List;

/**
 * 2-D convolution and pooling windows. ONNX attributes become std/nn's: {@code stride: 2} or
 * {@code stride: [2, 1]} ([height, width]), {@code pad: 1}, {@code pad: [ph, pw]} or
 * {@code pad: [top, left, bottom, right]}, {@code size: k} or {@code size: [kh, kw]}, each written
 * in the shortest form that says it and left out at its default. {@code auto_pad} SAME_UPPER /
 * SAME_LOWER is turned into explicit pads when the spatial size is static; dilations other than 1
 * and ceil_mode are not supported.
 */
final class Conv {
  private Conv() {}

  /** Pads and strides of one window operator, height first. */
  private record Window(long kh, long kw, long sh, long sw, long top, long left, long bottom, long right) {
    Dim height(Dim h) { return ShapeMath.window(h, top, bottom, kh, sh); }

    Dim width(Dim w) { return ShapeMath.window(w, left, right, kw, sw); }

    String stride() { return sh == sw ? Long.toString(sh) : "[" + sh + ", " + sw + "]"; }

    String size() { return kh == kw ? Long.toString(kh) : "[" + kh + ", " + kw + "]"; }

    boolean padded() { return top != 0 || left != 0 || bottom != 0 || right != 0; }

    String pad() {
      if (top == left && left == bottom && bottom == right) return Long.toString(top);
      if (top == bottom && left == right) return "[" + top + ", " + left + "]";
      return "[" + top + ", " + left + ", " + bottom + ", " + right + "]";
    }
  }

  static void translate(Node n) {
    Val x = n.in(0);
    Val w = n.in(1);
    if (x.rank() != 4 || w.rank() != 4) throw n.unsupported("only 2-D convolutions (NCHW input) are supported");
    long groups = n.attrs.i("group", 1);
    List<Long> ks = n.attrs.ints("kernel_shape");
    long kh = ks != null && !ks.isEmpty() ? ks.get(0) : constant(n, w.shape().get(2));
    long kw = ks != null && !ks.isEmpty() ? ks.get(1) : constant(n, w.shape().get(3));
    Window win = window(n, x, kh, kw, 1);
    Dim f = w.shape().get(0);
    List<Dim> shape = List.of(x.shape().get(0), f, win.height(x.shape().get(2)), win.width(x.shape().get(3)));
    StringBuilder e = new StringBuilder("conv2d(" + n.ref(x) + ", " + n.ref(w));
    if (win.sh != 1 || win.sw != 1) e.append(", stride: ").append(win.stride());
    if (win.padded()) e.append(", pad: ").append(win.pad());
    if (groups != 1) e.append(", groups: ").append(groups);
    e.append(")");
    if (n.has(2)) {
      e.append(" + reshape(").append(n.ref(n.in(2))).append(", shape: [").append(f.text()).append(", 1, 1])");
    }
    n.out(0, e.toString(), x.dtype(), shape);
  }

  static void pool(Node n, String f) {
    Val x = n.in(0);
    if (x.rank() != 4) throw n.unsupported("only 2-D pooling (NCHW input) is supported");
    if (n.wants(1)) throw n.unsupported("its Indices output is not supported");
    if (n.attrs.i("storage_order", 0) != 0) throw n.unsupported("storage_order = 1 is not supported");
    List<Long> ks = n.attrs.ints("kernel_shape");
    if (ks == null || ks.size() != 2) throw n.unsupported("kernel_shape must have two entries");
    Window win = window(n, x, ks.get(0), ks.get(1), 1);
    if (n.attrs.i("ceil_mode", 0) != 0 && !ceilAgrees(x, win)) {
      throw n.unsupported("ceil_mode = 1 where it changes the output size");
    }
    if (f.equals("avg_pool2d") && win.padded() && n.attrs.i("count_include_pad", 0) != 0) {
      throw n.unsupported("count_include_pad = 1 with padding (Kiln's avg_pool2d leaves the padding out of the count)");
    }
    List<Dim> shape = List.of(x.shape().get(0), x.shape().get(1), win.height(x.shape().get(2)), win.width(x.shape().get(3)));
    StringBuilder e = new StringBuilder(f + "(" + n.ref(x) + ", size: " + win.size() + ", stride: " + win.stride());
    if (win.padded()) e.append(", pad: ").append(win.pad());
    e.append(")");
    n.out(0, e.toString(), x.dtype(), shape);
  }

  /** With static sizes, ceil_mode changes nothing when every window division is exact. */
  private static boolean ceilAgrees(Val x, Window w) {
    Dim h = x.shape().get(2).plus(w.top + w.bottom - w.kh);
    Dim v = x.shape().get(3).plus(w.left + w.right - w.kw);
    return h.isConstant() && v.isConstant() && h.value() % w.sh == 0 && v.value() % w.sw == 0;
  }

  private static Window window(Node n, Val x, long kh, long kw, long defaultStride) {
    List<Long> dil = n.attrs.ints("dilations");
    if (dil != null) for (long d : dil) if (d != 1) throw n.unsupported("dilations " + dil + " (only 1 is supported)");
    List<Long> st = n.attrs.ints("strides");
    long sh = st != null && !st.isEmpty() ? st.get(0) : defaultStride;
    long sw = st != null && !st.isEmpty() ? st.get(1) : defaultStride;
    String auto = n.attrs.s("auto_pad", "NOTSET");
    List<Long> pads = n.attrs.ints("pads");
    long[] p = new long[4];
    if (pads != null && !pads.isEmpty()) {
      if (pads.size() != 4) throw n.unsupported("pads " + pads + " (expected 4 values)");
      for (int i = 0; i < 4; i++) p[i] = pads.get(i);
    }
    switch (auto) {
      case "NOTSET", "VALID" -> { }
      case "SAME_UPPER", "SAME_LOWER" -> {
        long[] hp = same(n, x.shape().get(2), kh, sh, auto.equals("SAME_UPPER"));
        long[] wp = same(n, x.shape().get(3), kw, sw, auto.equals("SAME_UPPER"));
        p = new long[] {hp[0], wp[0], hp[1], wp[1]};
      }
      default -> throw n.unsupported("auto_pad = " + auto);
    }
    if (auto.equals("VALID")) p = new long[4];
    return new Window(kh, kw, sh, sw, p[0], p[1], p[2], p[3]);
  }

  /** SAME padding of one axis: the output is ceil(d / s); the odd pad goes at the end (UPPER) or start. */
  private static long[] same(Node n, Dim d, long k, long s, boolean upper) {
    long total;
    if (s == 1) {
      total = k - 1;
    } else {
      long len = constant(n, d);
      long out = (len + s - 1) / s;
      total = Math.max(0, (out - 1) * s + k - len);
    }
    long small = total / 2;
    return upper ? new long[] {small, total - small} : new long[] {total - small, small};
  }

  private static long constant(Node n, Dim d) {
    if (!d.isConstant()) throw n.unsupported("it needs the static size of a dimension that is symbolic (" + d + ")");
    return d.value();
  }
}

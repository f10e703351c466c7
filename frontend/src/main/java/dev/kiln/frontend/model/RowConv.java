package dev.kiln.frontend.model;

import dev.kiln.diag.Span;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import java.util.List;

/**
 * A stride-1 {@code conv2d} on static shapes as an implicit GEMM over whole padded rows, so the
 * default schedule turns it into one large GEMM call per window tap instead of one small call per
 * output row and tap.
 *
 * <p>Algorithm: the input is zero-padded into {@code P[N, C, Hp + 1, Wp]} ({@code Hp = H + top + bottom},
 * {@code Wp = W + left + right}; the extra bottom row keeps every read below in bounds) and viewed flat as
 * {@code [N, C, (Hp + 1)·Wp]}. Writing an output position {@code (y, x)} as {@code r = y·Wp + x},
 * its window tap {@code (ky, kx)} reads flat position {@code r + ky·Wp + kx}, so
 * {@code R[n, f, r] += P[n, c, r + ky·Wp + kx] · Wt[f, c, ky, kx]} over {@code r < OH·Wp} computes
 * every output, plus {@code Wp - OW} columns per row that straddle the row end and are dropped:
 * the result is viewed as {@code [N, F, OH, Wp]} and its first {@code OW} columns are copied out.
 * The three kernels are generated Kiln ops with constant shapes, checked (bounds proof included)
 * like any op. The extra columns cost {@code Wp/OW - 1} of the arithmetic (2/56 for a padded
 * 56-wide 3×3 layer); in exchange the product has {@code OH·Wp} columns, packs each weight slice
 * once, and is large enough for the runtime to split across threads.
 */
final class RowConv {
  private final LoweringContext cx;

  RowConv(LoweringContext cx) { this.cx = cx; }

  /**
   * Whether {@code x} and {@code w} have static shapes this lowering takes (stride 1 is the caller's
   * check); {@code pads} are {@code [top, left, bottom, right]}.
   */
  static boolean applies(Value x, Value w, long[] pads) {
    long[] xs = dims(x), ws = dims(w);
    if (xs == null || ws == null || xs[1] != ws[1]) return false;
    long oh = xs[2] + pads[0] + pads[2] - ws[2] + 1, ow = xs[3] + pads[1] + pads[3] - ws[3] + 1;
    return oh >= 1 && ow >= 1;
  }

  Value lower(Value x, Value w, long[] pads, Span at, List<GNode> out) {
    long[] xs = dims(x), ws = dims(w);
    long n = xs[0], c = xs[1], h = xs[2], wd = xs[3], f = ws[0], kh = ws[2], kw = ws[3];
    long top = pads[0], left = pads[1];
    long hp = h + top + pads[2], wp = wd + left + pads[3], oh = hp - kh + 1, ow = wp - kw + 1;
    boolean even = top == left && left == pads[2] && pads[2] == pads[3];
    String padTag = even ? "_p" + top : "_p" + top + "_" + left + "_" + pads[2] + "_" + pads[3];
    String shapeTag = n + "x" + c + "x" + h + "x" + wd + padTag + "_k" + kh + "x" + kw;
    String padSrc = "op conv2d_pad_rows_" + shapeTag + "(X: f32[" + n + ", " + c + ", " + h + ", " + wd + "]) -> P: f32["
        + n + ", " + c + ", " + (hp + 1) + ", " + wp + "] {\n"
        + "  P[n, c, y, x] = select(y >= " + top + " && y < " + (h + top) + " && x >= " + left + " && x < " + (wd + left)
        + ", X[n, c, y - " + top + ", x - " + left + "], 0.0)\n}\n";
    Value p = cx.call1(cx.kernels.generated(new GenericOps.Generated("conv2d_pad_rows", padSrc)), List.of(x), "conv2d", at, out);
    long flat = (hp + 1) * wp;
    Value pf = Indexing.reshape(cx, p, List.of(k(n), k(c), k(flat)), at, out);
    String convSrc = "op conv2d_rows_" + shapeTag + "_f" + f + "(X: f32[" + n + ", " + c + ", " + flat + "], Wt: f32[" + f + ", "
        + c + ", " + kh + ", " + kw + "]) -> R: f32[" + n + ", " + f + ", " + (oh * wp) + "] {\n"
        + "  R[n, f, r] += X[n, c, r + ky * " + wp + " + kx] * Wt[f, c, ky, kx]\n}\n";
    Value r = cx.call1(cx.kernels.generated(new GenericOps.Generated("conv2d_rows", convSrc)), List.of(pf, w), "conv2d", at, out);
    Value rows = Indexing.reshape(cx, r, List.of(k(n), k(f), k(oh), k(wp)), at, out);
    String cropSrc = "op conv2d_crop_rows_" + n + "x" + f + "x" + oh + "x" + wp + "_" + ow + "(R: f32[" + n + ", " + f + ", " + oh + ", "
        + wp + "]) -> Y: f32[" + n + ", " + f + ", " + oh + ", " + ow + "] {\n  Y[n, f, y, x] = R[n, f, y, x]\n}\n";
    return cx.call1(cx.kernels.generated(new GenericOps.Generated("conv2d_crop_rows", cropSrc)), List.of(rows), "conv2d", at, out);
  }

  private static long[] dims(Value v) {
    if (v.type().rank() != 4) return null;
    long[] d = new long[4];
    for (int i = 0; i < 4; i++) {
      if (!(v.type().shape().get(i) instanceof IntImm c)) return null;
      d[i] = c.value();
    }
    return d;
  }

  private static Expr k(long v) { return ShapeUnifier.constant(v); }
}

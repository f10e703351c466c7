package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conv2d(x, w, groups: g)} for std/nn's conv2d. Algorithm: with g = 1 the call is plain
 * conv2d; otherwise the input {@code [N, C, H, W]} is viewed as {@code [N, g, C/g, H, W]} and the
 * weights {@code [F, C/g, KH, KW]} as {@code [g, F/g, C/g, KH, KW]} (views, no copies), std/nn's
 * conv2d_grouped computes {@code [N, g, F/g, OH, OW]}, and that is viewed as {@code [N, F, OH, OW]}.
 * C and F must be static and divisible by g. When the runtime could not evaluate the views (both
 * spatial dims of the input or of the result are expressions of symbolic dims, as after a strided
 * layer), for per-axis strides and padding, and for any padding unless a schedule names
 * conv2d_grouped, the call runs generated ops without views instead ({@link #perAxis}: the input
 * padded once, then convolved without a guard per tap).
 */
final class GroupedConv {
  private final ExprLowering ex;
  private final LoweringContext cx;

  GroupedConv(ExprLowering ex) {
    this.ex = ex;
    this.cx = ex.cx;
  }

  /** True for a call of std/nn's conv2d (not a user's) that names {@code groups}. */
  static boolean applies(OpDecl decl, CallExpr c) {
    boolean std = decl.span().isKnown() && decl.span().file().path().equals("std/nn.kiln");
    return std && decl.name().name().equals("conv2d")
        && c.namedArgs().stream().anyMatch(a -> a.name().name().equals("groups"));
  }

  Value lower(CallExpr c, Scope scope, List<GNode> out) {
    Span at = c.span();
    long g = 1;
    List<NamedArg> rest = new ArrayList<>();
    for (NamedArg a : c.namedArgs()) {
      if (a.name().name().equals("groups")) g = Constants.integer(a.value());
      else rest.add(a);
    }
    CallExpr plain = new CallExpr(c.callee(), c.args(), rest, c.span());
    OpDecl conv = cx.lib.op("conv2d");
    if (g == 1) return new Calls(ex).declared(conv, plain, scope, out).get(0);
    if (g < 1) throw new KilnException(at, "groups must be at least 1, got " + g);
    if (c.args().size() != 2) throw new KilnException(at, "a grouped conv2d takes an input and weights");
    Value x = ex.tensor(c.args().get(0), scope, out);
    Value w = ex.tensor(c.args().get(1), scope, out);
    if (x.type().rank() != 4 || w.type().rank() != 4) {
      throw new KilnException(at, "conv2d needs an NCHW input and FCHW weights, got " + ShapeUnifier.describe(x.type())
          + " and " + ShapeUnifier.describe(w.type()));
    }
    long channels = staticDim(x, 1, "input channels", at);
    long filters = staticDim(w, 0, "filters", at);
    if (channels % g != 0 || filters % g != 0) {
      throw new KilnException(at, "groups: " + g + " must divide the input channels (" + channels + ") and the filters ("
          + filters + ")");
    }
    long stride = 1, pad = 0;
    for (NamedArg a : rest) {
      long v = Constants.integer(a.value());
      attrParam(cx.lib.op("conv2d_grouped"), a);
      if (a.name().name().equals("stride")) stride = v;
      else pad = v;
    }
    List<Expr> xs = x.type().shape();
    List<Expr> ws = w.type().shape();
    boolean scheduled = cx.lib.schedules().stream().anyMatch(d -> d.target().op().name().equals("conv2d_grouped"));
    if (!viewable(xs, ws, stride, pad, g) || (pad > 0 && !scheduled)) {
      // Padded (without a user schedule for conv2d_grouped, which names the std op's loops):
      // pad once, then a guard-free convolution.
      return perAxis(x, w, new SpatialAttrs("conv2d", 1, 1, stride, stride, pad, pad, pad, pad, g), at, out);
    }
    Value xg = Indexing.reshape(cx, x, List.of(xs.get(0), k(g), k(channels / g), xs.get(2), xs.get(3)), at, out);
    Value wg = Indexing.reshape(cx, w, List.of(k(g), k(filters / g), ws.get(1), ws.get(2), ws.get(3)), at, out);
    Map<String, Object> attrs = new LinkedHashMap<>();
    OpDecl grouped = cx.lib.op("conv2d_grouped");
    for (NamedArg a : rest) attrs.put(a.name().name(), Calls.attrValue(attrParam(grouped, a), a.value()));
    String kernel = cx.kernels.declared(grouped, attrs, cx.scheduleFor("conv2d_grouped", cx.nextUse("conv2d_grouped")));
    Value y = cx.call1(kernel, List.of(xg, wg), "conv2d", at, out);
    List<Expr> ys = y.type().shape();
    TensorType flat = new TensorType(y.type().dtype(), List.of(ys.get(0), k(filters), ys.get(3), ys.get(4)));
    return Indexing.reshape(cx, y, flat.shape(), at, out);
  }

  /**
   * Whether the runtime can evaluate the views of the input ({@code [N, g, C/g, H, W]}) and of the
   * result ({@code [N, F, OH, OW]}): at most one spatial dim of each may be an expression that is
   * not a dim of the viewed tensor (symbolic H and W after a strided layer are not).
   */
  private static boolean viewable(List<Expr> xs, List<Expr> ws, long stride, long pad, long g) {
    if (stride < 1) return true; // conv2d_grouped reports it
    List<Expr> outDims = new ArrayList<>(List.of(xs.get(0), k(g), k(1)));
    for (int a = 2; a < 4; a++) {
      Expr e = new Binary(BinOp.ADD, new Binary(BinOp.DIV, new Binary(BinOp.SUB, new Binary(BinOp.ADD, xs.get(a),
          k(2 * pad)), ws.get(a)), k(stride)), k(1));
      outDims.add(Simplify.expr(e));
    }
    List<Expr> inView = List.of(xs.get(0), k(g), k(1), xs.get(2), xs.get(3));
    List<Expr> outView = List.of(xs.get(0), k(1), outDims.get(3), outDims.get(4));
    return Reshapes.opaque(xs, inView) <= 1 && Reshapes.opaque(outDims, outView) <= 1;
  }

  /**
   * A grouped conv2d with per-axis stride and padding, without views of the input: the input is
   * zero-padded first ({@code pad2d_hw}, one pass, so no load of the convolution needs a guard),
   * then a generated op computes {@code Y5[n, g, j, y, x] += X[n, g·(C/g) + c, ..] · Wt[g·(F/g) + j,
   * c, ..]} (group sizes and strides written as constants), and a second
   * generated op copies {@code Y[n, f, y, x] = Y5[n, f / (F/g), f % (F/g), y, x]}. With one filter
   * per group (a depthwise conv) the first op writes {@code Y[n, g, y, x]} directly. Every index
   * is linear or a floor quotient by a constant, so both ops pass the bounds proof, and no reshape
   * of a spatial dim that is an expression (which the runtime could not evaluate) is needed.
   */
  Value perAxis(Value x, Value w, SpatialAttrs a, Span at, List<GNode> out) {
    // Pad once: vectorized, a guard per tap would be a mask on every load.
    x = PerAxisConv.padded(cx, x, a, at, out);
    long g = a.groups();
    long channels = staticDim(x, 1, "input channels", at);
    long filters = staticDim(w, 0, "filters", at);
    if (channels % g != 0 || filters % g != 0) {
      throw new KilnException(at, "groups: " + g + " must divide the input channels (" + channels + ") and the filters ("
          + filters + ")");
    }
    if (w.type().shape().get(1) instanceof IntImm k && k.value() != channels / g) {
      throw new KilnException(at, "a conv2d with groups: " + g + " of " + channels + " channels needs weights [F, "
          + channels / g + ", KH, KW], got " + ShapeUnifier.describe(w.type()));
    }
    long cg = channels / g, fg = filters / g;
    long sh = a.strideH(), sw = a.strideW();
    boolean depthwise = fg == 1;
    String oh = "(H - KH) / " + sh + " + 1";
    String ow = "(W - KW) / " + sw + " + 1";
    String tag = channels + "_" + filters + "_g" + g + "_s" + sh + "x" + sw;
    String yy = "y * " + sh + " + ky", xx = "x * " + sw + " + kx";
    String src = "op conv2d_groups_" + tag + "(X: f32[N, " + channels + ", H, W], Wt: f32[" + filters + ", " + cg
        + ", KH, KW]) -> Y: f32[N, " + g + (depthwise ? "" : ", " + fg) + ", " + oh + ", " + ow + "] {\n"
        + "  Y[n, g" + (depthwise ? "" : ", j") + ", y, x] += X[n, g * " + cg + " + c, " + yy + ", " + xx + "] * Wt["
        + (depthwise ? "g" : "g * " + fg + " + j") + ", c, ky, kx]\n}\n";
    Value y = cx.call1(cx.kernels.generated(new GenericOps.Generated("conv2d_groups", src)), List.of(x, w), "conv2d",
        at, out);
    if (depthwise) return y;
    String merge = "op conv2d_groups_merge_" + g + "x" + fg + "(X: f32[N, " + g + ", " + fg + ", H, W]) -> Y: f32[N, "
        + filters + ", H, W] {\n  Y[n, f, y, x] = X[n, f / " + fg + ", f % " + fg + ", y, x]\n}\n";
    return cx.call1(cx.kernels.generated(new GenericOps.Generated("conv2d_groups_merge", merge)), List.of(y), "conv2d",
        at, out);
  }

  private static dev.kiln.frontend.ast.Param attrParam(OpDecl op, NamedArg a) {
    for (var p : op.attrs()) if (p.name().name().equals(a.name().name())) return p;
    throw new KilnException(a.name().span(), "conv2d has no attribute `" + a.name().name() + "`; it takes stride, pad"
        + " and groups");
  }

  private static long staticDim(Value v, int axis, String what, Span at) {
    if (v.type().shape().get(axis) instanceof IntImm k) return k.value();
    throw new KilnException(at, "a grouped conv2d needs a static number of " + what);
  }

  private static Expr k(long v) { return ShapeUnifier.constant(v); }
}

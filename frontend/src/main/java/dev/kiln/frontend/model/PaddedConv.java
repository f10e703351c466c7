package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Param;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conv2d(x, w, stride: s, pad: p)} of std/nn, when no {@code schedule} names conv2d: lowered
 * as std/nn's {@code pad2d} (only when p > 0) followed by {@code conv2d_valid}, whose body is a
 * plain multiply-accumulate. Algorithm: the same attributes are checked as for conv2d; the padded
 * copy costs one pass over the input, and in exchange the convolution has no select in its body,
 * so the default schedule can tensorize it into GEMM calls ({@code jvm.gemm_f32}). A program that
 * schedules conv2d itself keeps the op exactly as std/nn writes it, so its axes and blocks are the
 * ones the user named. A stride-1 convolution on static shapes goes through {@link RowConv}
 * instead (one large GEMM per window tap).
 */
final class PaddedConv {
  private final ExprLowering ex;
  private final LoweringContext cx;

  PaddedConv(ExprLowering ex) {
    this.ex = ex;
    this.cx = ex.cx;
  }

  /** True for a two-tensor call of std/nn's conv2d without groups, when no schedule names conv2d. */
  static boolean applies(OpDecl decl, CallExpr c, LoweringContext cx) {
    boolean std = decl.span().isKnown() && decl.span().file().path().equals("std/nn.kiln");
    return std && decl.name().name().equals("conv2d") && c.args().size() == 2
        && c.namedArgs().stream().noneMatch(a -> a.name().name().equals("groups"))
        && cx.lib.schedules().stream().noneMatch(s -> s.target().op().name().equals("conv2d"))
        && cx.lib.op("pad2d") != null && cx.lib.op("conv2d_valid") != null;
  }

  Value lower(CallExpr c, List<GNode> out, Scope scope) {
    OpDecl conv = cx.lib.op("conv2d");
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (NamedArg a : c.namedArgs()) {
      Param p = conv.attrs().stream().filter(q -> q.name().name().equals(a.name().name())).findFirst().orElse(null);
      if (p == null || attrs.containsKey(p.name().name())) {
        return new Calls(ex).declared(conv, c, scope, out).get(0); // conv2d's own diagnostics
      }
      attrs.put(p.name().name(), Calls.attrValue(p, a.value()));
    }
    long stride = (Long) attrs.getOrDefault("stride", 1L);
    long pad = (Long) attrs.getOrDefault("pad", 0L);
    Value x = ex.tensor(c.args().get(0), scope, out);
    Value w = ex.tensor(c.args().get(1), scope, out);
    if (x.type().rank() != 4 || w.type().rank() != 4) {
      throw new KilnException(c.span(), "conv2d needs an NCHW input and FCHW weights, got "
          + ShapeUnifier.describe(x.type()) + " and " + ShapeUnifier.describe(w.type()));
    }
    if (stride < 1) throw new KilnException(c.span(), "conv2d's stride must be at least 1, got " + stride);
    if (pad < 0) throw new KilnException(c.span(), "conv2d's pad must not be negative, got " + pad);
    long[] pads = {pad, pad, pad, pad};
    if (stride == 1 && RowConv.applies(x, w, pads)) return new RowConv(cx).lower(x, w, pads, c.span(), out);
    if (pad > 0) {
      OpDecl padOp = cx.lib.op("pad2d");
      String k = cx.kernels.declared(padOp, Map.of("pad", pad), cx.scheduleFor("pad2d", cx.nextUse("pad2d")));
      x = cx.call1(k, List.of(x), "conv2d", c.span(), out);
    }
    OpDecl valid = cx.lib.op("conv2d_valid");
    String k = cx.kernels.declared(valid, Map.of("stride", stride), cx.scheduleFor("conv2d_valid", cx.nextUse("conv2d_valid")));
    return cx.call1(k, List.of(x, w), "conv2d", c.span(), out);
  }
}

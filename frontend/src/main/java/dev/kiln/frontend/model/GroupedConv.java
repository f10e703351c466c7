package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conv2d(x, w, groups: g)} for std/nn's conv2d. Algorithm: with g = 1 the call is plain
 * conv2d; otherwise the input {@code [N, C, H, W]} is viewed as {@code [N, g, C/g, H, W]} and the
 * weights {@code [F, C/g, KH, KW]} as {@code [g, F/g, C/g, KH, KW]} (views, no copies), std/nn's
 * conv2d_grouped computes {@code [N, g, F/g, OH, OW]}, and that is viewed as {@code [N, F, OH, OW]}.
 * C and F must be static and divisible by g.
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
    List<Expr> xs = x.type().shape();
    List<Expr> ws = w.type().shape();
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

package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * std/nn's {@code conv2d}, {@code max_pool2d} and {@code avg_pool2d} called with per-axis
 * attributes ({@link SpatialAttrs}). Algorithm: a call that means the same as one with plain ints
 * is rewritten into that call and lowered as usual (so {@code stride: [1, 1]} keeps the fast
 * paths). Otherwise: a conv2d at stride 1 on static shapes goes through {@link RowConv} (any
 * padding); other convs pad with std/nn's {@code pad2d_hw} (when padded) and run
 * {@code conv2d_valid_hw}; a grouped conv runs the generated op of
 * {@link GroupedConv#perAxis}; pools run {@code max_pool2d_hw} / {@code avg_pool2d_hw}. A schedule
 * that names conv2d applies to the plain-int forms only.
 */
final class PerAxisConv {
  private final ExprLowering ex;
  private final LoweringContext cx;

  PerAxisConv(ExprLowering ex) {
    this.ex = ex;
    this.cx = ex.cx;
  }

  Operand lower(OpDecl decl, CallExpr c, Scope scope, List<GNode> out) {
    SpatialAttrs a = SpatialAttrs.parse(decl, c);
    int nIn = decl.inputs().size();
    if (a.scalar()) return new Calls(ex).lower(a.asScalarCall(c, nIn), scope, out);
    Span at = c.span();
    if (c.args().size() < nIn) {
      throw new KilnException(at, "`" + a.op() + "` takes " + nIn + " tensor argument" + (nIn == 1 ? "" : "s"));
    }
    Value x = ex.tensor(c.args().get(0), scope, out);
    if (x.type().rank() != 4) {
      throw new KilnException(at, a.op() + " needs an NCHW input, got " + ShapeUnifier.describe(x.type()));
    }
    if (!a.op().equals("conv2d")) {
      String name = a.op() + "_hw";
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("size_h", a.sizeH());
      attrs.put("size_w", a.sizeW());
      attrs.put("stride_h", a.strideH());
      attrs.put("stride_w", a.strideW());
      pads(attrs, a);
      return new Operand.Val(call(cx, name, attrs, List.of(x), a.op(), at, out));
    }
    Value w = ex.tensor(c.args().get(1), scope, out);
    if (w.type().rank() != 4) {
      throw new KilnException(at, "conv2d needs FCHW weights, got " + ShapeUnifier.describe(w.type()));
    }
    if (a.groups() != 1) return new Operand.Val(new GroupedConv(ex).perAxis(x, w, a, at, out));
    if (a.strideH() == 1 && a.strideW() == 1 && RowConv.applies(x, w, a.pads())) {
      return new Operand.Val(new RowConv(cx).lower(x, w, a.pads(), at, out));
    }
    x = padded(cx, x, a, at, out);
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("stride_h", a.strideH());
    attrs.put("stride_w", a.strideW());
    return new Operand.Val(call(cx, "conv2d_valid_hw", attrs, List.of(x, w), "conv2d", at, out));
  }

  /**
   * {@code x} zero-padded as {@code a} says ({@code pad2d_hw}, one pass over the input), or
   * {@code x} itself when {@code a} has no padding: a convolution over the result reads without a
   * guard per tap.
   */
  static Value padded(LoweringContext cx, Value x, SpatialAttrs a, Span at, List<GNode> out) {
    if (!a.padded()) return x;
    Map<String, Object> attrs = new LinkedHashMap<>();
    pads(attrs, a);
    return call(cx, "pad2d_hw", attrs, List.of(x), "conv2d", at, out);
  }

  private static void pads(Map<String, Object> attrs, SpatialAttrs a) {
    attrs.put("top", a.top());
    attrs.put("left", a.left());
    attrs.put("bottom", a.bottom());
    attrs.put("right", a.right());
  }


  private static Value call(LoweringContext cx, String op, Map<String, Object> attrs, List<Value> args, String opName,
      Span at, List<GNode> out) {
    OpDecl decl = cx.lib.op(op);
    String k = cx.kernels.declared(decl, attrs, cx.scheduleFor(op, cx.nextUse(op)));
    return cx.call1(k, args, opName, at, out);
  }
}

package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.OpDecl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The window attributes of a call of std/nn's {@code conv2d}, {@code max_pool2d} or
 * {@code avg_pool2d} that gives a list for one of them, normalized per axis. Forms: {@code stride}
 * and {@code size} take one int (both axes) or {@code [h, w]}; {@code pad} takes one int (every
 * side), {@code [h, w]} (top = bottom = h, left = right = w) or {@code [top, left, bottom, right]}
 * (ONNX's order); conv2d also takes {@code groups}. Positional attributes fill the op's declared
 * attributes in order, as for any op. {@link #scalar()} says whether the call means the same as
 * one with plain ints (then it is lowered as such, fast paths and user schedules included).
 * Defaults are those of the int forms: conv2d stride 1, pools size 2 and stride 2, pad 0.
 */
record SpatialAttrs(String op, long sizeH, long sizeW, long strideH, long strideW, long top, long left, long bottom,
    long right, long groups) {

  private static final Set<String> OPS = Set.of("conv2d", "max_pool2d", "avg_pool2d");

  /**
   * True for a call of std/nn's conv2d or pools that gives a list for an attribute, or that pads a
   * pool (the pools' int form has no {@code pad}).
   */
  static boolean applies(OpDecl decl, CallExpr c) {
    boolean std = decl.span().isKnown() && decl.span().file().path().equals("std/nn.kiln");
    if (!std || !OPS.contains(decl.name().name())) return false;
    for (int i = decl.inputs().size(); i < c.args().size(); i++) if (c.args().get(i) instanceof ListExpr) return true;
    for (NamedArg a : c.namedArgs()) {
      if (a.value() instanceof ListExpr) return true;
      if (!decl.name().name().equals("conv2d") && a.name().name().equals("pad")) return true;
    }
    return false;
  }

  static SpatialAttrs parse(OpDecl decl, CallExpr c) {
    String op = decl.name().name();
    boolean conv = op.equals("conv2d");
    List<String> names = conv ? List.of("stride", "pad", "groups") : List.of("size", "stride", "pad");
    Map<String, Expr> given = new LinkedHashMap<>();
    int nIn = decl.inputs().size();
    for (int i = nIn; i < c.args().size(); i++) {
      int k = i - nIn;
      if (k >= decl.attrs().size()) {
        throw new KilnException(c.args().get(i).span(), "`" + op + "` takes " + decl.attrs().size()
            + " positional attributes; this argument is one too many");
      }
      given.put(decl.attrs().get(k).name().name(), c.args().get(i));
    }
    for (NamedArg a : c.namedArgs()) {
      String n = a.name().name();
      if (!names.contains(n)) {
        throw new KilnException(a.name().span(), "`" + op + "` has no attribute `" + n + "`"
            + Suggest.didYouMean(n, names) + "; its attributes: " + String.join(", ", names));
      }
      if (given.put(n, a.value()) != null) throw new KilnException(a.span(), "attribute `" + n + "` is given twice");
    }
    long[] size = given.containsKey("size") ? pair(given.get("size"), "size") : new long[] {2, 2};
    long[] stride = given.containsKey("stride") ? pair(given.get("stride"), "stride")
        : conv ? new long[] {1, 1} : new long[] {2, 2};
    long[] pad = given.containsKey("pad") ? pads(given.get("pad")) : new long[4];
    long groups = given.containsKey("groups") ? Constants.integer(given.get("groups")) : 1;
    SpatialAttrs a = new SpatialAttrs(op, size[0], size[1], stride[0], stride[1], pad[0], pad[1], pad[2], pad[3], groups);
    a.validate(c.span());
    return a;
  }

  private static long[] pair(Expr e, String what) {
    List<Long> v = Constants.integers(e);
    if (v.size() == 1) return new long[] {v.get(0), v.get(0)};
    if (v.size() == 2) return new long[] {v.get(0), v.get(1)};
    throw new KilnException(e.span(), "`" + what + "` takes one int or two ([height, width]), got " + v.size());
  }

  private static long[] pads(Expr e) {
    List<Long> v = Constants.integers(e);
    return switch (v.size()) {
      case 1 -> new long[] {v.get(0), v.get(0), v.get(0), v.get(0)};
      case 2 -> new long[] {v.get(0), v.get(1), v.get(0), v.get(1)};
      case 4 -> new long[] {v.get(0), v.get(1), v.get(2), v.get(3)};
      default -> throw new KilnException(e.span(), "`pad` takes one int, two ([height, width]) or four ([top, left, "
          + "bottom, right]), got " + v.size());
    };
  }

  private void validate(Span at) {
    if (strideH < 1 || strideW < 1) throw new KilnException(at, op + "'s stride must be at least 1, got " + strideH + ", " + strideW);
    if (sizeH < 1 || sizeW < 1) throw new KilnException(at, op + "'s size must be at least 1, got " + sizeH + ", " + sizeW);
    if (top < 0 || left < 0 || bottom < 0 || right < 0) {
      throw new KilnException(at, op + "'s pad must not be negative, got [" + top + ", " + left + ", " + bottom + ", "
          + right + "]");
    }
    if (groups < 1) throw new KilnException(at, "groups must be at least 1, got " + groups);
    if (!op.equals("conv2d") && (Math.max(top, bottom) >= sizeH || Math.max(left, right) >= sizeW)) {
      throw new KilnException(at, op + "'s pad must be smaller than its window (" + sizeH + "x" + sizeW + ")");
    }
  }

  long[] pads() { return new long[] {top, left, bottom, right}; }

  boolean padded() { return top != 0 || left != 0 || bottom != 0 || right != 0; }

  /** Whether plain int attributes say the same: equal strides (and sizes), and equal pads (none for a pool). */
  boolean scalar() {
    boolean evenPad = top == left && left == bottom && bottom == right;
    return op.equals("conv2d") ? strideH == strideW && evenPad : strideH == strideW && sizeH == sizeW && !padded();
  }

  /** The same call with plain int attributes (only when {@link #scalar()}). */
  CallExpr asScalarCall(CallExpr c, int nIn) {
    List<NamedArg> named = new ArrayList<>();
    Span at = c.span();
    if (op.equals("conv2d")) {
      named.add(arg("stride", strideH, at));
      named.add(arg("pad", top, at));
      if (groups != 1) named.add(arg("groups", groups, at));
    } else {
      named.add(arg("size", sizeH, at));
      named.add(arg("stride", strideH, at));
    }
    return new CallExpr(c.callee(), c.args().subList(0, nIn), named, at);
  }

  private static NamedArg arg(String name, long v, Span at) {
    return new NamedArg(new Ident(name, at), new IntLit(v, at), at);
  }
}

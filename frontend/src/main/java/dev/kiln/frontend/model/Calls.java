package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Param;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers calls in model bodies. Resolution: an op defined in the file or an imported library
 * (the file's own definitions first) is instantiated with its attributes and schedule; otherwise
 * a dtype name is a cast; otherwise a built-in ({@link Builtins}).
 */
final class Calls {
  private final ExprLowering ex;
  private final LoweringContext cx;
  private final Builtins builtins;

  Calls(ExprLowering ex) {
    this.ex = ex;
    this.cx = ex.cx;
    this.builtins = new Builtins(ex);
  }

  Operand lower(CallExpr c, Scope scope, List<GNode> out) {
    String f = c.callee().name();
    OpDecl decl = cx.lib.op(f);
    if (decl != null && SpatialAttrs.applies(decl, c)) return new PerAxisConv(ex).lower(decl, c, scope, out);
    if (decl != null && GroupedConv.applies(decl, c)) return new Operand.Val(new GroupedConv(ex).lower(c, scope, out));
    if (decl != null && PaddedConv.applies(decl, c, cx)) return new Operand.Val(new PaddedConv(ex).lower(c, out, scope));
    if (decl != null) {
      List<Value> rs = declared(decl, c, scope, out);
      if (rs.size() != 1) {
        throw new KilnException(c.span(), "`" + f + "` has " + rs.size() + " outputs: assign them all, as in `a, b = "
            + f + "(...)`");
      }
      return new Operand.Val(rs.get(0));
    }
    DType cast = DType.parse(f);
    if (cast != null) return castTo(cast, c, scope, out);
    return builtins.lower(c, scope, out);
  }

  /** A call that may have several results (for {@code a, b = op(...)}). */
  List<Value> lowerMulti(CallExpr c, Scope scope, List<GNode> out) {
    OpDecl decl = cx.lib.op(c.callee().name());
    if (decl != null) return declared(decl, c, scope, out);
    Operand o = lower(c, scope, out);
    return List.of(cx.materialize(o, null, out));
  }

  private Operand castTo(DType t, CallExpr c, Scope scope, List<GNode> out) {
    if (c.args().size() != 1 || !c.namedArgs().isEmpty()) {
      throw new KilnException(c.span(), "the cast `" + t + "(x)` takes one argument");
    }
    Operand a = ex.lower(c.args().get(0), scope, out);
    if (a instanceof Operand.Lit l) {
      double v = t.isFloat() ? l.value() : t.isBool() ? (l.value() != 0 ? 1 : 0) : (long) l.value();
      return new Operand.Lit(v, t.isFloat() ? DType.F32 : t.isBool() ? DType.BOOL : DType.I32, c.span());
    }
    Value v = ((Operand.Val) a).value();
    if (v.type().dtype() == t) return a;
    return new Operand.Val(ex.ew.map("cast_" + t.text(), List.of(a), Arrays.asList((DType) null), t,
        t.text() + "($0)", c.span(), out));
  }

  List<Value> declared(OpDecl decl, CallExpr c, Scope scope, List<GNode> out) {
    String name = decl.name().name();
    int nIn = decl.inputs().size();
    if (c.args().size() < nIn) {
      throw new KilnException(c.span(), "`" + name + "` takes " + nIn + " tensor argument" + (nIn == 1 ? "" : "s")
          + " (" + names(decl.inputs()) + "), got " + c.args().size());
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    int extra = c.args().size() - nIn;
    if (extra > decl.attrs().size()) {
      throw new KilnException(c.args().get(nIn + decl.attrs().size()).span(), "`" + name + "` takes " + nIn
          + " tensor argument" + (nIn == 1 ? "" : "s") + " and " + decl.attrs().size() + " attribute"
          + (decl.attrs().size() == 1 ? "" : "s") + "; this argument is one too many");
    }
    for (int i = 0; i < extra; i++) {
      Param p = decl.attrs().get(i);
      attrs.put(p.name().name(), attrValue(p, c.args().get(nIn + i)));
    }
    for (NamedArg na : c.namedArgs()) {
      Param p = null;
      for (Param q : decl.attrs()) if (q.name().name().equals(na.name().name())) p = q;
      if (p == null) {
        List<String> known = new ArrayList<>();
        for (Param q : decl.attrs()) known.add(q.name().name());
        throw new KilnException(na.name().span(), "`" + name + "` has no attribute `" + na.name().name() + "`"
            + (known.isEmpty() ? " (it has none)" : Suggest.didYouMean(na.name().name(), known)
                + "; its attributes: " + String.join(", ", known)));
      }
      if (attrs.containsKey(p.name().name())) {
        throw new KilnException(na.span(), "attribute `" + p.name().name() + "` is given twice");
      }
      attrs.put(p.name().name(), attrValue(p, na.value()));
    }
    for (Param p : decl.attrs()) {
      if (!attrs.containsKey(p.name().name()) && p.defaultValue() == null) {
        throw new KilnException(c.span(), "`" + name + "` needs the attribute `" + p.name().name() + "` (write `"
            + p.name().name() + ": ...`)");
      }
    }
    List<Value> args = new ArrayList<>();
    for (int i = 0; i < nIn; i++) args.add(ex.tensor(c.args().get(i), scope, out));
    int use = cx.nextUse(name);
    String kernel = cx.kernels.declared(decl, attrs, cx.scheduleFor(name, use));
    return cx.call(kernel, args, name, name, c.span(), out);
  }

  private static String names(List<Param> ps) {
    List<String> s = new ArrayList<>();
    for (Param p : ps) s.add(p.name().name());
    return String.join(", ", s);
  }

  /** An attribute value: a constant of the attribute's declared type (Long, Double or Boolean). */
  static Object attrValue(Param p, Expr e) {
    Operand.Lit l = Constants.literal(e);
    String type = p.type().elem();
    Span at = e.span();
    switch (type) {
      case "int" -> {
        if (l.kind() != DType.I32) throw new KilnException(at, "attribute `" + p.name().name() + "` is an int");
        return (long) l.value();
      }
      case "float" -> {
        if (l.kind() == DType.BOOL) throw new KilnException(at, "attribute `" + p.name().name() + "` is a float");
        return l.value();
      }
      case "bool" -> {
        if (l.kind() != DType.BOOL) throw new KilnException(at, "attribute `" + p.name().name() + "` is a bool");
        return l.value() != 0;
      }
      default -> throw new KilnException(at, "attribute `" + p.name().name() + "` has type " + type
          + "; attributes are int, float or bool");
    }
  }
}

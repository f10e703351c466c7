package dev.kiln.frontend.op;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.BoolLit;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.OpStmt;
import dev.kiln.frontend.ast.Param;
import dev.kiln.frontend.ast.UnaryExpr;
import dev.kiln.frontend.ast.WhereRange;
import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an op's signature and fills its {@link OpScope}. In order: attributes (type int, float
 * or bool; a default must be a literal of that type; an attribute is a divisor when it is the
 * right operand of {@code /} or {@code %} anywhere in the op); tensor names (no duplicates among
 * attributes and tensors); input shapes (element type; every name not an attribute is a
 * dimension, bound when it appears alone as some input axis — a dimension seen only inside
 * expressions is an error, since the runtime could not bind it); output shapes (names must be
 * bound dimensions or int attributes).
 */
final class SignatureChecker {
  private final OpDecl op;
  private final OpScope scope;
  private final DiagnosticSink sink;
  private final Map<String, Span> names = new HashMap<>();

  SignatureChecker(OpDecl op, OpScope scope, DiagnosticSink sink) {
    this.op = op;
    this.scope = scope;
    this.sink = sink;
  }

  void run() {
    Set<String> divisors = divisorNames();
    for (Param p : op.attrs()) attr(p, divisors.contains(p.name().name()));
    for (Param p : op.inputs()) declare(p.name().name(), p.name().span());
    for (Param p : op.outputs()) declare(p.name().name(), p.name().span());
    collectInputDims();
    for (Param p : op.inputs()) tensor(p, TensorInfo.Role.INPUT);
    for (Param p : op.outputs()) tensor(p, TensorInfo.Role.OUTPUT);
  }

  private boolean declare(String name, Span span) {
    if (names.containsKey(name)) {
      sink.error(span, "duplicate name " + name);
      return false;
    }
    names.put(name, span);
    return true;
  }

  private Set<String> divisorNames() {
    Set<String> out = new HashSet<>();
    List<Expr> roots = new ArrayList<>();
    for (List<Param> ps : List.of(op.inputs(), op.outputs()))
      for (Param p : ps) if (p.type().dims() != null) roots.addAll(p.type().dims());
    for (OpStmt s : op.body()) {
      roots.add(s.value());
      for (WhereRange w : s.where()) {
        roots.add(w.lo());
        roots.add(w.hi());
      }
    }
    for (Expr r : roots)
      AstWalk.forEach(r, e -> {
        if (e instanceof BinaryExpr b && (b.op().equals("/") || b.op().equals("%")) && b.right() instanceof Name n)
          out.add(n.name());
      });
    return out;
  }

  private void attr(Param p, boolean divisor) {
    String name = p.name().name();
    if (!declare(name, p.name().span())) return;
    AttrInfo.Kind kind = AttrInfo.Kind.parse(p.type().elem());
    if (kind == null || p.type().isTensor()) {
      sink.error(p.type().span(), "attribute " + name + " must have type int, float or bool");
      return;
    }
    Object def = p.defaultValue() == null ? null : defaultValue(name, kind, p.defaultValue());
    scope.attrs.put(name, new AttrInfo(name, kind, def, divisor && kind == AttrInfo.Kind.INT, p.span()));
  }

  private Object defaultValue(String name, AttrInfo.Kind kind, Expr e) {
    Object v = literal(kind, e);
    if (v == null) {
      String expected = switch (kind) {
        case INT -> "an integer literal";
        case FLOAT -> "a number literal";
        case BOOL -> "true or false";
      };
      sink.error(e.span(), "the default of " + kind.text() + " attribute " + name + " must be " + expected
          + ", not " + AstText.of(e));
    }
    return v;
  }

  /** The value of a literal of an attribute kind (Long, Double or Boolean; an integer is also a float), or null. */
  static Object literal(AttrInfo.Kind kind, Expr e) {
    boolean negative = false;
    Expr lit = e;
    if (e instanceof UnaryExpr u && u.op().equals("-")) {
      negative = true;
      lit = u.operand();
    }
    return switch (kind) {
      case INT -> lit instanceof IntLit i ? (Object) (negative ? -i.value() : i.value()) : null;
      case FLOAT -> lit instanceof FloatLit f ? (Object) (negative ? -f.value() : f.value())
          : lit instanceof IntLit i ? (Object) (double) (negative ? -i.value() : i.value()) : null;
      case BOOL -> !negative && lit instanceof BoolLit b ? (Object) b.value() : null;
    };
  }

  private void collectInputDims() {
    for (Param p : op.inputs()) {
      if (p.type().dims() == null) continue;
      for (Expr d : p.type().dims()) {
        if (d instanceof Name n && !scope.attrs.containsKey(n.name()) && !names.containsKey(n.name()))
          scope.boundDims.add(n.name());
        AstWalk.forEach(d, e -> {
          if (e instanceof Name n && !scope.attrs.containsKey(n.name()) && !names.containsKey(n.name()))
            scope.dims.putIfAbsent(n.name(), n.span());
        });
      }
    }
    for (var d : scope.dims.entrySet())
      if (!scope.boundDims.contains(d.getKey()))
        sink.error(d.getValue(), "dimension " + d.getKey() + " is not bound: it must appear alone as an axis of "
            + "some input so its value can be taken from the input shapes");
  }

  private void tensor(Param p, TensorInfo.Role role) {
    String name = p.name().name();
    String elem = p.type().elem();
    DType dtype = DType.parse(elem);
    if (dtype == null) {
      String hint = AttrInfo.Kind.parse(elem) != null
          ? "; " + elem + " is an attribute type (attributes go after `;`)" : "";
      sink.error(p.type().span(), "unknown element type " + elem + hint);
    }
    List<TExpr> shape = new ArrayList<>();
    List<String> text = new ArrayList<>();
    boolean ok = dtype != null;
    if (p.type().dims() != null) {
      for (Expr d : p.type().dims()) {
        TExpr t = DimExprs.convert(d, n -> resolveDim(n, name, role), "a dimension", sink);
        ok &= t != null;
        shape.add(t);
        text.add(AstText.of(d));
      }
    }
    if (scope.tensors.containsKey(name)) return; // duplicate, already reported
    if (role == TensorInfo.Role.INPUT) scope.inputNames.add(name);
    scope.tensors.put(name, ok ? new TensorInfo(name, role, dtype, shape, text, p.name().span()) : null);
  }

  private TExpr resolveDim(Name n, String tensor, TensorInfo.Role role) {
    String name = n.name();
    AttrInfo a = scope.attrs.get(name);
    if (a != null) {
      if (a.kind() == AttrInfo.Kind.INT) return new TExpr.Attr(name, DType.I32);
      sink.error(n.span(), "attribute " + name + " is " + a.kind().text() + "; only int attributes can appear in a shape");
      return null;
    }
    if (names.containsKey(name)) {
      sink.error(n.span(), name + " is a tensor, not a dimension");
      return null;
    }
    if (scope.boundDims.contains(name)) return new TExpr.Dim(name);
    if (role == TensorInfo.Role.OUTPUT)
      sink.error(n.span(), "dimension " + name + " in the shape of " + tensor + " is not bound by any input shape");
    return null; // an unbound input dimension is reported once by collectInputDims
  }
}

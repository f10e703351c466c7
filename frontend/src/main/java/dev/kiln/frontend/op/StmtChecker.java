package dev.kiln.frontend.op;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.OpStmt;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.frontend.ast.WhereRange;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.IterKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one statement {@code T[i, ..] op value [where v in lo .. hi, ..]} of an op, in the
 * order the statements appear, and records the tensor it writes.
 *
 * <p>Index variables: the names on the left are the spatial variables (distinct plain names);
 * names that occur inside a subscript on the right and are nothing else are the reduction
 * variables (in order of first appearance), followed by {@code where} variables the right side
 * does not mention. Ranges: a spatial variable of an output ranges over the output's axis; every
 * other variable over the axes it indexes directly (a subscript that is exactly the variable),
 * which must all have the same extent, unless a {@code where} clause gives a reduction
 * variable's range. An intermediate's shape is the extents of its spatial variables; its element
 * type is the type of its right side.
 */
final class StmtChecker {
  /** A subscript that is exactly an index variable: {@code var} indexes axis {@code axis} of {@code tensor}. */
  private record Occurrence(String var, String tensor, int axis, TExpr extent, String extentText, Span span) {}

  private final OpScope scope;
  private final DiagnosticSink sink;

  StmtChecker(OpScope scope, DiagnosticSink sink) {
    this.scope = scope;
    this.sink = sink;
  }

  /**
   * The checked statement, or null when it has errors (all reported, here or — for a tensor it
   * reads whose declaration failed — earlier).
   */
  StmtInfo check(OpStmt s) {
    int errorsBefore = sink.diagnostics().size();
    String target = s.target().name();
    TensorInfo out = targetTensor(s);
    boolean defines = scope.intermediateNames.contains(target) && !scope.written.contains(target);

    Map<String, Ident> spatial = spatialVars(s);
    Map<String, WhereRange> where = whereRanges(s, spatial);
    Map<String, Name> reduce = reductionVars(s, spatial, where);
    Map<String, List<Occurrence>> occurrences = occurrences(s.value(), spatial.keySet(), reduce.keySet());

    List<IndexVarInfo> spatialInfo = new ArrayList<>();
    int axis = 0;
    for (Ident v : spatial.values()) {
      if (out != null && out.role() == TensorInfo.Role.OUTPUT) {
        if (axis < out.rank())
          spatialInfo.add(new IndexVarInfo(v.name(), IterKind.SPATIAL, zero(), out.shape().get(axis),
              out.shapeText().get(axis), v.span()));
      } else if (scope.intermediateNames.contains(target)) {
        IndexVarInfo info = fromOccurrences(v.name(), IterKind.SPATIAL, occurrences, v.span());
        if (info == null)
          sink.error(v.span(), "cannot infer the range of index variable " + v.name() + " of " + target
              + ": it indexes no tensor axis directly on the right");
        else spatialInfo.add(info);
      }
      axis++;
    }
    List<IndexVarInfo> reduceInfo = new ArrayList<>();
    for (Name v : reduce.values()) {
      WhereRange w = where.get(v.name());
      IndexVarInfo info = w != null ? whereRange(w) : fromOccurrences(v.name(), IterKind.REDUCE, occurrences, v.span());
      if (info == null && w == null)
        sink.error(v.span(), "cannot infer the range of reduction variable " + v.name() + "; add `where " + v.name()
            + " in a .. b`");
      if (info != null) reduceInfo.add(info);
    }

    Set<String> vars = new LinkedHashSet<>(spatial.keySet());
    vars.addAll(reduce.keySet());
    DType ctx = out != null ? out.dtype() : null;
    TExpr value = new BodyTyper(scope, vars, target, sink).type(s.value(), ctx);
    if (value != null) checkValueType(s, value, out);

    if (defines) {
      boolean ok = value != null && spatialInfo.size() == spatial.size();
      List<TExpr> shape = new ArrayList<>();
      List<String> text = new ArrayList<>();
      for (IndexVarInfo v : spatialInfo) {
        shape.add(v.extent());
        text.add(v.extentText());
      }
      scope.tensors.put(target, ok ? new TensorInfo(target, TensorInfo.Role.INTERMEDIATE, value.type(), shape, text,
          s.target().span()) : null);
    }
    if (scope.isTensor(target) && !scope.inputNames.contains(target)) scope.written.add(target);
    boolean complete = value != null && spatialInfo.size() == spatial.size() && reduceInfo.size() == reduce.size();
    if (sink.diagnostics().size() > errorsBefore || !complete) return null;
    return new StmtInfo(s, target, s.op(), spatialInfo, reduceInfo, value);
  }

  /** The output written (null for intermediates and for targets that cannot be written, which are reported). */
  private TensorInfo targetTensor(OpStmt s) {
    String name = s.target().name();
    Span at = s.target().span();
    if (scope.attrs.containsKey(name) || scope.isDim(name)) {
      sink.error(at, "cannot write " + name + ": it is " + (scope.attrs.containsKey(name) ? "an attribute" : "a dimension")
          + ", not a tensor");
      return null;
    }
    if (scope.inputNames.contains(name)) {
      sink.error(at, "cannot write input " + name);
      return null;
    }
    if (scope.written.contains(name)) sink.error(at, name + " is written twice; each tensor is defined by one statement");
    TensorInfo t = scope.tensors.get(name);
    if (t != null && t.role() == TensorInfo.Role.OUTPUT && t.rank() != s.indices().size()) {
      sink.error(at, name + " has rank " + t.rank() + " but is written with " + s.indices().size() + " ind"
          + (s.indices().size() == 1 ? "ex" : "ices"));
      return null;
    }
    return t != null && t.role() == TensorInfo.Role.OUTPUT ? t : null;
  }

  private Map<String, Ident> spatialVars(OpStmt s) {
    Map<String, Ident> out = new LinkedHashMap<>();
    for (Ident v : s.indices()) {
      if (out.containsKey(v.name())) sink.error(v.span(), "index variable " + v.name() + " appears twice on the left");
      else if (notAVariableName(v.name(), v.span())) continue;
      out.putIfAbsent(v.name(), v);
    }
    return out;
  }

  private boolean notAVariableName(String name, Span at) {
    if (!scope.isDeclared(name)) return false;
    String what = scope.attrs.containsKey(name) ? "an attribute" : scope.isDim(name) ? "a dimension" : "a tensor";
    sink.error(at, name + " is " + what + "; it cannot be used as an index variable");
    return true;
  }

  private Map<String, WhereRange> whereRanges(OpStmt s, Map<String, Ident> spatial) {
    Map<String, WhereRange> out = new LinkedHashMap<>();
    for (WhereRange w : s.where()) {
      String v = w.var().name();
      if (spatial.containsKey(v))
        sink.error(w.var().span(), v + " is on the left, so it is a spatial variable; `where` gives ranges only to "
            + "reduction variables");
      else if (out.containsKey(v)) sink.error(w.var().span(), "duplicate `where` range for " + v);
      else if (!notAVariableName(v, w.var().span())) out.put(v, w);
    }
    return out;
  }

  private Map<String, Name> reductionVars(OpStmt s, Map<String, Ident> spatial, Map<String, WhereRange> where) {
    Map<String, Name> out = new LinkedHashMap<>();
    AstWalk.forEach(s.value(), e -> {
      if (!(e instanceof IndexExpr ix)) return;
      for (Subscript sub : ix.subscripts())
        for (Expr part : new Expr[] {sub.lo(), sub.hi()})
          AstWalk.forEach(part, x -> {
            if (x instanceof Name n && !spatial.containsKey(n.name()) && !scope.isDeclared(n.name()))
              out.putIfAbsent(n.name(), n);
          });
    });
    for (WhereRange w : where.values()) out.putIfAbsent(w.var().name(), new Name(w.var().name(), w.var().span()));
    if (!s.isReduction())
      for (Name n : out.values())
        sink.error(n.span(), n.name() + " appears only on the right, so it is a reduction variable, but `=` cannot "
            + "reduce; use +=, *=, max= or min=");
    return out;
  }

  private Map<String, List<Occurrence>> occurrences(Expr value, Set<String> spatial, Set<String> reduce) {
    Map<String, List<Occurrence>> out = new LinkedHashMap<>();
    AstWalk.forEach(value, e -> {
      if (!(e instanceof IndexExpr ix) || !(ix.base() instanceof Name base)) return;
      TensorInfo t = scope.tensors.get(base.name());
      if (t == null || t.rank() != ix.subscripts().size()) return;
      for (int a = 0; a < t.rank(); a++) {
        Subscript sub = ix.subscripts().get(a);
        if (!sub.slice() && sub.lo() instanceof Name n && (spatial.contains(n.name()) || reduce.contains(n.name())))
          out.computeIfAbsent(n.name(), k -> new ArrayList<>())
              .add(new Occurrence(n.name(), t.name(), a, t.shape().get(a), t.shapeText().get(a), n.span()));
      }
    });
    return out;
  }

  /** The range from the axes a variable indexes directly, all of which must agree; null when there are none. */
  private IndexVarInfo fromOccurrences(String var, IterKind kind, Map<String, List<Occurrence>> occ, Span span) {
    List<Occurrence> list = occ.getOrDefault(var, List.of());
    if (list.isEmpty()) return null;
    Occurrence first = list.get(0);
    for (Occurrence o : list.subList(1, list.size())) {
      if (sameExtent(first.extent(), o.extent())) continue;
      String what = kind == IterKind.REDUCE ? "reduction variable " : "index variable ";
      sink.error(o.span(), "conflicting ranges for " + what + var + ": " + first.extentText() + " (axis " + first.axis()
          + " of " + first.tensor() + ") and " + o.extentText() + " (axis " + o.axis() + " of " + o.tensor() + ")");
      return new IndexVarInfo(var, kind, zero(), first.extent(), first.extentText(), span);
    }
    return new IndexVarInfo(var, kind, zero(), first.extent(), first.extentText(), span);
  }

  private boolean sameExtent(TExpr a, TExpr b) {
    Poly pa = PolyOf.of(a, scope.attrValues);
    Poly pb = PolyOf.of(b, scope.attrValues);
    return pa != null && pb != null ? pa.equals(pb) : a.equals(b);
  }

  private IndexVarInfo whereRange(WhereRange w) {
    TExpr lo = DimExprs.convert(w.lo(), this::rangeName, "a range bound", sink);
    TExpr hi = DimExprs.convert(w.hi(), this::rangeName, "a range bound", sink);
    if (lo == null || hi == null) return null;
    boolean fromZero = lo instanceof TExpr.IntConst c && c.value() == 0;
    TExpr extent = fromZero ? hi : new TExpr.Bin(BinOp.SUB, hi, lo);
    String text = fromZero ? AstText.of(w.hi()) : "(" + AstText.of(w.hi()) + ") - (" + AstText.of(w.lo()) + ")";
    return new IndexVarInfo(w.var().name(), IterKind.REDUCE, lo, extent, text, w.var().span());
  }

  private TExpr rangeName(Name n) {
    AttrInfo a = scope.attrs.get(n.name());
    if (a != null && a.kind() == AttrInfo.Kind.INT) return new TExpr.Attr(n.name(), DType.I32);
    if (scope.isDim(n.name())) return scope.boundDims.contains(n.name()) ? new TExpr.Dim(n.name()) : null;
    sink.error(n.span(), "a range bound may use only integers, dimensions and int attributes, not " + n.name());
    return null;
  }

  private void checkValueType(OpStmt s, TExpr value, TensorInfo out) {
    DType t = value.type();
    if (out != null && t != out.dtype())
      sink.error(s.value().span(), "cannot assign a value of type " + t + " to " + out.name() + " of type "
          + out.dtype() + "; convert it with a cast such as " + out.dtype() + "(...)");
    else if (s.isReduction() && t.isBool())
      sink.error(s.value().span(), "cannot reduce bool values with " + s.op());
  }

  private static TExpr zero() { return new TExpr.IntConst(DType.I32, 0); }
}

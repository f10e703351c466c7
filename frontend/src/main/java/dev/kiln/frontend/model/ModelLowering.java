package dev.kiln.frontend.model;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.Assign;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.ForStmt;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.IfStmt;
import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.ModelStmt;
import dev.kiln.frontend.ast.Param;
import dev.kiln.frontend.ast.ParamDecl;
import dev.kiln.frontend.ast.ReturnStmt;
import dev.kiln.frontend.ast.WhileStmt;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphParam;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.YieldNode;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers a {@code model} to a {@link GraphFunc} in SSA form. Algorithm: walk the statements with a
 * scope mapping names to values; an assignment rebinds a name to the new value (renaming into
 * SSA). At an {@code if}, each branch works on a copy of the scope; names rebound in a branch that
 * falls through become the if's results, and each branch yields its values for them (a branch that
 * returns yields nothing). At a {@code for} or {@code while}, names assigned in the body that exist
 * before the loop become loop-carried values; a carried value must keep its type across
 * iterations. Names first bound inside a branch or loop body stay local to it. Errors are
 * collected per statement; a name whose definition failed is poisoned, so its later uses report
 * nothing more.
 */
public final class ModelLowering {
  private final LoweringContext cx;
  private final ExprLowering ex;
  private final Calls calls;
  private final DiagnosticSink sink;
  private final ModelDecl model;
  private final List<GraphParam> params = new ArrayList<>();
  private final List<TensorType> outputTypes = new ArrayList<>();

  private ModelLowering(Library lib, KernelTable kernels, ModelDecl model, DiagnosticSink sink) {
    this.cx = new LoweringContext(lib, kernels, model.name().name());
    this.ex = new ExprLowering(cx);
    this.calls = new Calls(ex);
    this.sink = sink;
    this.model = model;
  }

  /** Lowers one model; diagnostics go to {@code sink}; returns null when there were errors. */
  public static GraphFunc lower(Library lib, KernelTable kernels, ModelDecl model, DiagnosticSink sink) {
    return new ModelLowering(lib, kernels, model, sink).run();
  }

  private GraphFunc run() {
    int before = sink.diagnostics().size();
    Scope scope = new Scope();
    List<Value> inputs = new ArrayList<>();
    for (Param p : model.inputs()) {
      try {
        Value v = input(p, scope);
        if (v != null) inputs.add(v);
      } catch (KilnException e) {
        sink.addAll(e);
        // A bad input (unknown element type) is still declared: poison it so that its uses
        // report nothing more, instead of "unknown name".
        if (scope.get(p.name().name()) == null) scope.put(p.name().name(), ExprLowering.POISON);
      }
    }
    List<String> outputNames = new ArrayList<>();
    for (int i = 0; i < model.outputs().size(); i++) {
      Param p = model.outputs().get(i);
      String name = p.name() != null ? p.name().name() : model.outputs().size() == 1 ? "output" : "output" + i;
      if (outputNames.contains(name)) sink.error(p.span(), "output `" + name + "` is declared twice");
      outputNames.add(name);
      try {
        outputTypes.add(new TensorType(dtype(p.type().elem(), p.type().span()), dims(p.type(), false)));
      } catch (KilnException e) {
        sink.addAll(e);
        outputTypes.add(null);
      }
    }
    List<GNode> body = new ArrayList<>();
    boolean returned = block(model.body(), scope, body, true);
    if (!returned) {
      Span end = new Span(model.span().file(), Math.max(model.span().start(), model.span().end() - 1), model.span().end());
      sink.error(end, "model `" + model.name().name() + "` can reach its end without a `return`");
    }
    if (sink.diagnostics().size() > before) return null;
    return new GraphFunc(model.name().name(), inputs, new ArrayList<>(cx.symbols.values()), params, new Region(body),
        outputNames, outputTypes, model.span());
  }

  private Value input(Param p, Scope scope) {
    String name = p.name().name();
    if (scope.get(name) != null) throw new KilnException(p.name().span(), "input `" + name + "` is declared twice");
    DType t = dtype(p.type().elem(), p.type().span());
    Value v = new Value(name, new TensorType(t, List.of()));
    List<Expr> shape = dims(p.type(), true);
    v = new Value(name, new TensorType(t, shape));
    for (int a = 0; a < shape.size(); a++) {
      if (shape.get(a) instanceof Var s && !cx.symbolSource.containsKey(s)) {
        cx.symbolSource.put(s, v);
        cx.symbolAxis.put(s, a);
      }
    }
    scope.put(name, v);
    return v;
  }

  private static DType dtype(String elem, Span at) {
    DType t = DType.parse(elem);
    if (t == null) {
      throw new KilnException(at, "unknown element type `" + elem + "`; expected one of f32 f64 f16 bf16 i8 u8 i16 i32 i64 bool");
    }
    return t;
  }

  /** Model-level dims: integers, or names that become the model's symbolic dimensions. */
  private List<Expr> dims(dev.kiln.frontend.ast.TypeRef type, boolean bindNew) {
    List<Expr> out = new ArrayList<>();
    if (!type.isTensor()) return out;
    for (var d : type.dims()) {
      if (d instanceof dev.kiln.frontend.ast.Name n) {
        Var s = cx.symbols.get(n.name());
        if (s == null) {
          if (!bindNew) {
            throw new KilnException(n.span(), "unknown dimension `" + n.name() + "`: output dimensions must be numbers "
                + "or dimension names of the inputs");
          }
          s = Var.index(n.name());
          cx.symbols.put(n.name(), s);
        }
        out.add(s);
      } else {
        // An expression of dimension names (`L - 3`) is allowed in op signatures only; say so
        // instead of Constants' generic "expected a constant here".
        if (!(d instanceof dev.kiln.frontend.ast.IntLit) && mentionsName(d)) {
          throw new KilnException(d.span(), "a model's dimensions must be numbers or dimension names; an expression "
              + "of dimensions is only allowed in an `op` signature");
        }
        long v = Constants.integer(d);
        if (v < 0) throw new KilnException(d.span(), "a dimension must not be negative");
        out.add(ShapeUnifier.constant(v));
      }
    }
    return out;
  }

  private static boolean mentionsName(dev.kiln.frontend.ast.Expr e) {
    return switch (e) {
      case dev.kiln.frontend.ast.Name n -> true;
      case dev.kiln.frontend.ast.BinaryExpr b -> mentionsName(b.left()) || mentionsName(b.right());
      case dev.kiln.frontend.ast.UnaryExpr u -> mentionsName(u.operand());
      default -> false;
    };
  }

  /**
   * Lowers statements into {@code out}; returns true when control cannot fall through the end. A
   * {@code return} whose values have errors still ends its block: it was reported once, and it must
   * not also cause "can reach its end without a return" or hide an unreachable statement.
   */
  private boolean block(List<ModelStmt> stmts, Scope scope, List<GNode> out, boolean top) {
    for (int i = 0; i < stmts.size(); i++) {
      ModelStmt s = stmts.get(i);
      boolean ends;
      try {
        ends = stmt(s, scope, out, top);
      } catch (KilnException e) {
        sink.addAll(e);
        poison(s, scope);
        ends = s instanceof ReturnStmt;
      } catch (ExprLowering.Poisoned e) {
        poison(s, scope);
        ends = s instanceof ReturnStmt;
      }
      if (ends) {
        if (i + 1 < stmts.size()) sink.error(stmts.get(i + 1).span(), "unreachable statement after `return`");
        return true;
      }
    }
    return false;
  }

  private void poison(ModelStmt s, Scope scope) {
    for (String n : assigned(List.of(s))) scope.put(n, ExprLowering.POISON);
  }

  private boolean stmt(ModelStmt s, Scope scope, List<GNode> out, boolean top) {
    switch (s) {
      case ParamDecl p -> param(p, scope, top);
      case Assign a -> assign(a, scope, out);
      case IfStmt i -> { return ifStmt(i, scope, out); }
      case ForStmt f -> forStmt(f, scope, out);
      case WhileStmt w -> whileStmt(w, scope, out);
      case ReturnStmt r -> {
        ret(r, scope, out);
        return true;
      }
    }
    return false;
  }

  private void param(ParamDecl p, Scope scope, boolean top) {
    if (!top) throw new KilnException(p.span(), "`param` must be at the top level of a model, not inside a block");
    String name = p.name().name();
    if (scope.get(name) != null) throw new KilnException(p.name().span(), "`" + name + "` is already defined");
    DType t = dtype(p.type().elem(), p.type().span());
    List<Expr> shape = new ArrayList<>();
    if (p.type().isTensor()) {
      for (var d : p.type().dims()) {
        long v;
        try {
          v = Constants.integer(d);
        } catch (KilnException e) {
          throw new KilnException(d.span(), "the dimensions of a param must be integer constants");
        }
        if (v < 0) throw new KilnException(d.span(), "a dimension must not be negative");
        shape.add(ShapeUnifier.constant(v));
      }
    }
    for (GraphParam q : params) {
      if (q.key().equals(p.key())) {
        throw new KilnException(p.span(), "params `" + q.value().name() + "` and `" + name + "` both read weight \""
            + p.key() + "\"");
      }
    }
    Value v = new Value(name, new TensorType(t, shape));
    params.add(new GraphParam(v, p.key(), p.span()));
    scope.put(name, v);
  }

  private void assign(Assign a, Scope scope, List<GNode> out) {
    List<Value> values;
    if (a.targets().size() == 1) {
      values = List.of(ex.tensor(a.value(), scope, out));
    } else {
      if (!(a.value() instanceof CallExpr c)) {
        throw new KilnException(a.value().span(), "assigning " + a.targets().size() + " names needs a call of an op with "
            + a.targets().size() + " outputs");
      }
      values = calls.lowerMulti(c, scope, out);
      if (values.size() != a.targets().size()) {
        throw new KilnException(a.span(), "`" + c.callee().name() + "` has " + values.size() + " output"
            + (values.size() == 1 ? "" : "s") + ", but " + a.targets().size() + " names are assigned");
      }
    }
    for (int i = 0; i < values.size(); i++) {
      Ident t = a.targets().get(i);
      if (isParam(t.name())) throw new KilnException(t.span(), "cannot assign to param `" + t.name() + "`");
      scope.put(t.name(), values.get(i));
    }
  }

  private boolean isParam(String name) {
    for (GraphParam p : params) if (p.value().name().equals(name)) return true;
    return false;
  }

  private Value condition(dev.kiln.frontend.ast.Expr e, Scope scope, List<GNode> out) {
    Value c = ex.tensor(e, scope, out);
    TensorType t = c.type();
    // The element count is the product of the constant dims times that of the symbolic ones, so
    // it can be 1 only when every constant dim is 1 (f32[T, 4] never is): reject that now; the
    // symbolic rest is checked when the model runs.
    long n = 1;
    for (Expr d : t.shape()) if (d instanceof dev.kiln.ir.tir.IntImm k) n *= k.value();
    if (n != 1) {
      throw new KilnException(e.span(), "a condition must be a scalar (a bool or a 0-d tensor such as max(p) > 0.9), got "
          + ShapeUnifier.describe(t));
    }
    return c;
  }

  private boolean ifStmt(IfStmt s, Scope scope, List<GNode> out) {
    Value cond = condition(s.cond(), scope, out);
    Scope ts = scope.copy();
    Scope es = scope.copy();
    List<GNode> tn = new ArrayList<>();
    List<GNode> en = new ArrayList<>();
    boolean tr = block(s.then(), ts, tn, false);
    boolean er = block(s.otherwise(), es, en, false);
    List<String> merged = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>(ts.vars.keySet());
    names.addAll(es.vars.keySet());
    for (String n : names) {
      Value before = scope.get(n);
      Value tv = tr ? null : ts.get(n);
      Value ev = er ? null : es.get(n);
      boolean changed = (tv != null && tv != before) || (ev != null && ev != before);
      boolean defined = (tr || tv != null) && (er || ev != null);
      if (changed && defined && !(tr && er)) merged.add(n);
    }
    List<Value> results = new ArrayList<>();
    List<Value> ty = new ArrayList<>();
    List<Value> ey = new ArrayList<>();
    List<String> resultNames = new ArrayList<>();
    for (String n : merged) {
      Value tv = tr ? null : ts.get(n);
      Value ev = er ? null : es.get(n);
      if (tv == ExprLowering.POISON || ev == ExprLowering.POISON) {
        scope.put(n, ExprLowering.POISON);
        continue;
      }
      TensorType t = tv != null ? tv.type() : ev.type();
      if (tv != null && ev != null) sameType(n, tv.type(), ev.type(), s.span(), "in one branch", "in the other");
      ty.add(tv);
      ey.add(ev);
      results.add(new Value(n, t));
      resultNames.add(n);
    }
    if (!tr) tn.add(new YieldNode(ty, s.span()));
    if (!er) en.add(new YieldNode(ey, s.span()));
    out.add(new IfNode(cond, new Region(tn), new Region(en), results, s.span()));
    for (int i = 0; i < resultNames.size(); i++) scope.put(resultNames.get(i), results.get(i));
    return tr && er;
  }

  private void sameType(String name, TensorType a, TensorType b, Span at, String whereA, String whereB) {
    boolean same = a.dtype() == b.dtype() && a.rank() == b.rank();
    for (int i = 0; same && i < a.rank(); i++) same = ShapeUnifier.provablyEqual(a.shape().get(i), b.shape().get(i));
    if (!same) {
      throw new KilnException(at, "`" + name + "` is " + ShapeUnifier.describe(a) + " " + whereA + " and "
          + ShapeUnifier.describe(b) + " " + whereB + "; a value that flows on must keep its type");
    }
  }

  private Value intScalar(dev.kiln.frontend.ast.Expr e, Scope scope, List<GNode> out) {
    Operand o = ex.lower(e, scope, out);
    Value v = cx.materialize(o, DType.I32, out);
    if (v.type().rank() != 0 || !v.type().dtype().isInt()) {
      throw new KilnException(e.span(), "a loop bound must be an integer scalar, got " + ShapeUnifier.describe(v.type()));
    }
    return v;
  }

  /**
   * The loop-carried values of a loop body: for each name it re-assigns that exists before the
   * loop, the value entering the loop ({@code init}) and a fresh value the body sees
   * ({@code carried}), bound in the body's scope {@code body}.
   */
  private record Carry(List<String> names, List<Value> init, List<Value> carried, Scope body) {
    static Carry of(List<ModelStmt> stmts, Scope scope, String loopVar) {
      List<String> names = carriedNames(stmts, scope, loopVar);
      List<Value> init = new ArrayList<>();
      List<Value> carried = new ArrayList<>();
      Scope body = scope.copy();
      for (String n : names) {
        Value v = scope.get(n);
        init.add(v);
        Value c = new Value(n, v.type());
        carried.add(c);
        body.put(n, c);
      }
      return new Carry(names, init, carried, body);
    }

    /** The values after the loop, bound in the enclosing scope. */
    List<Value> results(Scope scope) {
      List<Value> results = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        Value r = new Value(names.get(i), carried.get(i).type());
        results.add(r);
        scope.put(names.get(i), r);
      }
      return results;
    }
  }

  /** Lowers a loop body; it ends with a yield of the carried names' next values unless it returns. */
  private Region loopBody(List<ModelStmt> stmts, Carry carry, Span at) {
    List<GNode> body = new ArrayList<>();
    boolean returns = block(stmts, carry.body(), body, false);
    if (!returns) body.add(new YieldNode(next(carry.names(), carry.carried(), carry.body(), at), at));
    return new Region(body);
  }

  private void forStmt(ForStmt s, Scope scope, List<GNode> out) {
    Value lo = intScalar(s.lo(), scope, out);
    Value hi = intScalar(s.hi(), scope, out);
    Carry carry = Carry.of(s.body(), scope, s.var().name());
    Value var = new Value(s.var().name(), TensorType.scalar(DType.I32));
    carry.body().put(s.var().name(), var);
    Region body = loopBody(s.body(), carry, s.span());
    out.add(new ForNode(var, lo, hi, carry.init(), carry.carried(), body, carry.results(scope), s.span()));
  }

  private void whileStmt(WhileStmt s, Scope scope, List<GNode> out) {
    Carry carry = Carry.of(s.body(), scope, null);
    List<GNode> cond = new ArrayList<>();
    Value c = condition(s.cond(), carry.body().copy(), cond);
    cond.add(new YieldNode(List.of(c), s.cond().span()));
    Region body = loopBody(s.body(), carry, s.span());
    out.add(new WhileNode(carry.init(), carry.carried(), new Region(cond), body, carry.results(scope), s.span()));
  }

  private List<Value> next(List<String> names, List<Value> carried, Scope bs, Span at) {
    List<Value> next = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Value v = bs.get(names.get(i));
      if (v == ExprLowering.POISON) throw new ExprLowering.Poisoned();
      sameType(names.get(i), carried.get(i).type(), v.type(), at, "before the loop", "after an iteration");
      next.add(v);
    }
    return next;
  }

  /** Names assigned in a loop body that already have a (non-poisoned) value before it. */
  private static List<String> carriedNames(List<ModelStmt> body, Scope scope, String loopVar) {
    List<String> out = new ArrayList<>();
    for (String n : assigned(body)) {
      Value v = scope.get(n);
      if (v != null && v != ExprLowering.POISON && !n.equals(loopVar)) out.add(n);
    }
    return out;
  }

  /** Every name assigned anywhere in the statements (syntactically, in order of first assignment). */
  static Set<String> assigned(List<ModelStmt> stmts) {
    Set<String> out = new LinkedHashSet<>();
    for (ModelStmt s : stmts) {
      switch (s) {
        case Assign a -> { for (Ident t : a.targets()) out.add(t.name()); }
        case IfStmt i -> {
          out.addAll(assigned(i.then()));
          out.addAll(assigned(i.otherwise()));
        }
        case ForStmt f -> out.addAll(assigned(f.body()));
        case WhileStmt w -> out.addAll(assigned(w.body()));
        case ParamDecl p -> out.add(p.name().name());
        case ReturnStmt r -> { }
      }
    }
    return out;
  }

  private void ret(ReturnStmt r, Scope scope, List<GNode> out) {
    if (r.values().size() != outputTypes.size()) {
      throw new KilnException(r.span(), "model `" + model.name().name() + "` returns " + outputTypes.size() + " value"
          + (outputTypes.size() == 1 ? "" : "s") + ", this `return` gives " + r.values().size());
    }
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < r.values().size(); i++) {
      var e = r.values().get(i);
      TensorType want = outputTypes.get(i);
      Value v = cx.materialize(ex.lower(e, scope, out), want == null ? null : want.dtype(), out);
      if (want != null) {
        boolean ok = v.type().dtype() == want.dtype() && v.type().rank() == want.rank();
        for (int d = 0; ok && d < want.rank(); d++) {
          ok = !ShapeUnifier.provablyDifferent(v.type().shape().get(d), want.shape().get(d));
        }
        if (!ok) {
          throw new KilnException(e.span(), "returns " + ShapeUnifier.describe(v.type()) + " where the model declares "
              + ShapeUnifier.describe(want));
        }
      }
      values.add(v);
    }
    out.add(new ReturnNode(values, r.span()));
  }
}

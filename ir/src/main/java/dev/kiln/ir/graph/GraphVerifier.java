package dev.kiln.ir.graph;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.PrimFunc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the invariants of a graph module; a violation is a compiler bug. Algorithm: one walk per
 * function with the set of values in scope (inputs and params first; a region sees its parent's
 * values and its own, and its definitions leave with it): every use is in scope; every value is
 * defined once; a call names a kernel of the module with matching argument and result counts,
 * dtypes and ranks; condition, dim and loop-bound values are scalars; the regions of if/for/while
 * end with a yield of the right arity and matching dtypes (or a return); the function's body
 * returns on every path; returns match the declared outputs in count, dtype and rank.
 */
public final class GraphVerifier {
  private final GraphModule module;
  private final List<String> problems = new ArrayList<>();
  private final Set<Value> defined = new HashSet<>();
  private GraphFunc func;

  private GraphVerifier(GraphModule module) { this.module = module; }

  /** Throws InternalCompilerError listing every problem. */
  public static void verify(GraphModule m) {
    List<String> p = problems(m);
    if (!p.isEmpty()) throw new InternalCompilerError("invalid graph IR:\n  " + String.join("\n  ", p));
  }

  public static List<String> problems(GraphModule m) {
    GraphVerifier v = new GraphVerifier(m);
    for (GraphFunc f : m.funcs()) v.func(f);
    return v.problems;
  }

  private void func(GraphFunc f) {
    func = f;
    defined.clear();
    Set<Value> scope = new HashSet<>();
    for (Value v : f.inputs()) define(v, scope);
    for (GraphParam p : f.params()) define(p.value(), scope);
    if (f.outputNames().size() != f.outputTypes().size()) problem("output names and types differ in count");
    if (!region(f.body(), scope, null)) problem("the body can end without a return");
  }

  /** Checks a region; returns true when it always ends in a return. {@code yields} null: no yield allowed. */
  private boolean region(Region r, Set<Value> outer, List<Value> yields) {
    Set<Value> scope = new HashSet<>(outer);
    List<GNode> nodes = r.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      GNode n = nodes.get(i);
      boolean last = i == nodes.size() - 1;
      switch (n) {
        case ReturnNode ret -> {
          uses(ret.values(), scope, "return");
          if (ret.values().size() != func.outputTypes().size()) problem("return of " + ret.values().size() + " values");
          for (int k = 0; k < Math.min(ret.values().size(), func.outputTypes().size()); k++) {
            sameKind(ret.values().get(k).type(), func.outputTypes().get(k), "returned value " + k);
          }
          if (!last) problem("nodes after a return");
          return true;
        }
        case YieldNode y -> {
          uses(y.values(), scope, "yield");
          if (yields == null) problem("yield outside an if/for/while region");
          else if (y.values().size() != yields.size()) problem("yield of " + y.values().size() + " values, expected " + yields.size());
          else for (int k = 0; k < yields.size(); k++) sameKind(y.values().get(k).type(), yields.get(k).type(), "yielded value " + k);
          if (!last) problem("nodes after a yield");
          return false;
        }
        case CallNode c -> call(c, scope);
        case ConstNode c -> define(c.result(), scope);
        case DimNode d -> {
          use(d.src(), scope, "dim");
          if (d.axis() < 0 || d.axis() >= d.src().type().rank()) problem("dim axis " + d.axis() + " out of range");
          scalar(d.result(), "dim result");
          define(d.result(), scope);
        }
        case ReshapeNode rs -> {
          use(rs.src(), scope, "reshape");
          if (rs.src().type().dtype() != rs.result().type().dtype()) problem("reshape changes the dtype");
          define(rs.result(), scope);
        }
        case CheckIndexNode c -> {
          use(c.index(), scope, "check_index");
          use(c.tensor(), scope, "check_index");
          if (c.axis() < 0 || c.axis() >= c.tensor().type().rank()) problem("check_index axis out of range");
        }
        case IfNode f -> {
          use(f.cond(), scope, "if");
          boolean thenReturns = region(f.then(), scope, f.results());
          boolean elseReturns = region(f.otherwise(), scope, f.results());
          for (Value v : f.results()) define(v, scope);
          if (thenReturns && elseReturns) {
            if (!last) problem("nodes after an if whose branches both return");
            return true;
          }
        }
        case ForNode f -> {
          use(f.lo(), scope, "for");
          use(f.hi(), scope, "for");
          scalar(f.lo(), "for lower bound");
          scalar(f.hi(), "for upper bound");
          loop(f.init(), f.carried(), f.results(), scope, "for");
          Set<Value> inner = new HashSet<>(scope);
          define(f.var(), inner);
          for (Value v : f.carried()) define(v, inner);
          region(f.body(), inner, f.carried());
          for (Value v : f.results()) define(v, scope);
        }
        case WhileNode w -> {
          loop(w.init(), w.carried(), w.results(), scope, "while");
          Set<Value> inner = new HashSet<>(scope);
          for (Value v : w.carried()) define(v, inner);
          List<GNode> cn = w.cond().nodes();
          if (cn.isEmpty() || !(cn.get(cn.size() - 1) instanceof YieldNode y) || y.values().size() != 1) {
            problem("a while condition must end with a yield of one value");
          } else if (region(w.cond(), inner, y.values())) {
            problem("a while condition returns");
          }
          region(w.body(), inner, w.carried());
          for (Value v : w.results()) define(v, scope);
        }
      }
    }
    if (yields != null) problem("a region ends without a yield or return");
    return false;
  }

  private void loop(List<Value> init, List<Value> carried, List<Value> results, Set<Value> scope, String what) {
    uses(init, scope, what);
    if (init.size() != carried.size() || carried.size() != results.size()) {
      problem(what + " with " + init.size() + " initial, " + carried.size() + " carried and " + results.size() + " result values");
      return;
    }
    for (int k = 0; k < init.size(); k++) {
      sameKind(init.get(k).type(), carried.get(k).type(), what + " carried value " + k);
      sameKind(carried.get(k).type(), results.get(k).type(), what + " result " + k);
    }
  }

  private void call(CallNode c, Set<Value> scope) {
    uses(c.args(), scope, "call " + c.kernel());
    PrimFunc f = module.kernels().get(c.kernel());
    if (f == null) {
      problem("call of unknown kernel " + c.kernel());
    } else {
      check(f.inputs(), c.args(), "argument", c.kernel());
      check(f.outputs(), c.results(), "result", c.kernel());
    }
    for (Value v : c.results()) define(v, scope);
  }

  private void check(List<Buffer> bufs, List<Value> vals, String what, String kernel) {
    if (bufs.size() != vals.size()) {
      problem("call " + kernel + ": " + vals.size() + " " + what + "s, the kernel has " + bufs.size());
      return;
    }
    for (int i = 0; i < bufs.size(); i++) {
      Buffer b = bufs.get(i);
      TensorType t = vals.get(i).type();
      if (b.dtype() != t.dtype() || b.rank() != t.rank()) {
        problem("call " + kernel + ": " + what + " " + i + " is " + t.dtype() + " rank " + t.rank() + ", the kernel's "
            + b.name() + " is " + b.dtype() + " rank " + b.rank());
      }
    }
  }

  private void sameKind(TensorType a, TensorType b, String what) {
    if (a.dtype() != b.dtype() || a.rank() != b.rank()) problem(what + ": " + a + " vs " + b);
  }

  private void scalar(Value v, String what) {
    if (v.type().rank() != 0) problem(what + " is not a scalar: " + v.type());
  }

  private void define(Value v, Set<Value> scope) {
    if (!defined.add(v)) problem("value " + v + " is defined twice");
    scope.add(v);
  }

  private void use(Value v, Set<Value> scope, String where) {
    if (!scope.contains(v)) problem(where + " uses " + v + ", which is not in scope");
  }

  private void uses(List<Value> vs, Set<Value> scope, String where) {
    for (Value v : vs) use(v, scope, where);
  }

  private void problem(String p) { problems.add(func == null ? p : func.name() + ": " + p); }
}

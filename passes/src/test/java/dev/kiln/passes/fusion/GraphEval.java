package dev.kiln.passes.fusion;

import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny evaluator of straight-line graph functions (calls and a final return) for tests: each
 * call's size variables are bound from the actual shapes of the arguments at the kernel's plain
 * input dimensions, and the kernel runs under the reference interpreter.
 */
final class GraphEval {
  /** A tensor: flat row-major data and its shape. */
  record Tensor(Object data, int[] shape) {}

  private GraphEval() {}

  /** Runs the module's first function on {@code inputs} (graph inputs, then params). */
  static List<Tensor> run(GraphModule m, List<Tensor> inputs) {
    GraphFunc f = m.funcs().get(0);
    Map<Value, Tensor> env = new IdentityHashMap<>();
    List<Value> ins = new ArrayList<>(f.inputs());
    f.params().forEach(p -> ins.add(p.value()));
    for (int i = 0; i < ins.size(); i++) env.put(ins.get(i), inputs.get(i));
    for (GNode n : f.body().nodes()) {
      switch (n) {
        case CallNode c -> call(m.kernels().get(c.kernel()), c, env);
        case ReturnNode r -> {
          List<Tensor> out = new ArrayList<>();
          for (Value v : r.values()) out.add(env.get(v));
          return out;
        }
        default -> throw new IllegalArgumentException("GraphEval runs calls only, not " + n);
      }
    }
    throw new IllegalArgumentException("no return");
  }

  private static void call(PrimFunc k, CallNode c, Map<Value, Tensor> env) {
    int[] sizes = new int[k.sizeVars().size()];
    Map<Var, Expr> bound = new IdentityHashMap<>();
    for (int s = 0; s < sizes.length; s++) {
      Var v = k.sizeVars().get(s);
      sizes[s] = -1;
      for (int i = 0; i < k.inputs().size() && sizes[s] < 0; i++) {
        List<Expr> shape = k.inputs().get(i).shape();
        for (int d = 0; d < shape.size(); d++) {
          if (shape.get(d) == v) sizes[s] = env.get(c.args().get(i)).shape()[d];
        }
      }
      if (sizes[s] < 0) throw new IllegalArgumentException("size " + v + " of " + k.name() + " is unbound");
      bound.put(v, Expr.i32(sizes[s]));
    }
    Object[] args = new Object[c.args().size()];
    for (int i = 0; i < args.length; i++) args[i] = env.get(c.args().get(i)).data();
    Object[] outs = Interpreter.runAllocating(k, args, sizes);
    for (int i = 0; i < outs.length; i++) {
      Buffer b = k.outputs().get(i);
      int[] shape = new int[b.rank()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = (int) ((IntImm) Simplify.expr(Substitute.expr(b.shape().get(d), bound))).value();
      }
      env.put(c.results().get(i), new Tensor(outs[i], shape));
    }
  }
}

package dev.kiln.backend.plan;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.diag.Span;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.ConstNode;
import dev.kiln.ir.graph.DimNode;
import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.GraphParam;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.ReshapeNode;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.YieldNode;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.plan.Dim;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.OutputSpecs;
import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.IntExpr;
import dev.kiln.runtime.plan.ParamSpec;
import dev.kiln.runtime.plan.Plan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a graph function into the runtime's {@link Plan}. Algorithm: every graph value gets
 * its own slot (inputs first, then params); nodes map one to one onto instructions; structured
 * control flow becomes the plan's If/For/While with explicit copies: a yield copies the yielded
 * values into the slots of the enclosing node's results (if) or carried values (loops), through
 * temporaries so that a swap of carried values is a correct parallel assignment. Kernel shapes
 * become {@link IntExpr} patterns over each kernel's size variables, which the runtime binds and
 * checks at every call.
 */
public final class PlanBuilder {
  private final GraphModule module;
  private final Map<Value, Integer> slots = new IdentityHashMap<>();
  private final List<String> kernelNames;
  private int next;

  private PlanBuilder(GraphModule module) {
    this.module = module;
    this.kernelNames = new ArrayList<>(module.kernels().keySet());
  }

  /**
   * Builds the plan of {@code func}; {@code classNames} are the generated kernel classes in the
   * order of {@code module.kernels()}.
   */
  public static Plan build(GraphModule module, GraphFunc func, List<String> classNames) {
    return new PlanBuilder(module).run(func, classNames);
  }

  private Plan run(GraphFunc f, List<String> classNames) {
    List<InputSpec> inputs = new ArrayList<>();
    for (Value v : f.inputs()) {
      List<Dim> dims = new ArrayList<>();
      for (Expr d : v.type().shape()) {
        dims.add(switch (d) {
          case IntImm k -> new Dim.Fixed((int) k.value());
          case Var s -> new Dim.Symbol(s.name());
          default -> throw new InternalCompilerError("model input dim is neither constant nor symbol: " + d);
        });
      }
      inputs.add(new InputSpec(v.name(), elem(v.type().dtype()), dims, slot(v), loc(f.span())));
    }
    List<ParamSpec> params = new ArrayList<>();
    for (GraphParam p : f.params()) {
      Value v = p.value();
      params.add(new ParamSpec(v.name(), p.key(), elem(v.type().dtype()), v.type().staticShape(), loc(p.span()),
          slot(v)));
    }
    List<Instr> body = region(f.body(), null);
    return new Plan(f.name(), next, inputs, params, f.outputNames(), body, classNames, outputSpecs(f));
  }

  /**
   * The declared output shapes, checked after each run; null (no check) when a declared dimension
   * is neither a constant nor a symbol (model signatures allow only those).
   */
  private static OutputSpecs outputSpecs(GraphFunc f) {
    List<List<Dim>> shapes = new ArrayList<>();
    for (var t : f.outputTypes()) {
      List<Dim> dims = new ArrayList<>();
      for (Expr d : t.shape()) {
        switch (d) {
          case IntImm k -> dims.add(new Dim.Fixed((int) k.value()));
          case Var s -> dims.add(new Dim.Symbol(s.name()));
          default -> {
            return null;
          }
        }
      }
      shapes.add(dims);
    }
    return new OutputSpecs(shapes, loc(f.span()));
  }

  private int slot(Value v) {
    Integer s = slots.get(v);
    if (s == null) {
      s = next++;
      slots.put(v, s);
    }
    return s;
  }

  /** Lowers a region; a yield copies into {@code yieldTo} (null where no yield may appear). */
  private List<Instr> region(Region r, List<Value> yieldTo) {
    List<Instr> out = new ArrayList<>();
    for (GNode n : r.nodes()) node(n, out, yieldTo);
    return out;
  }

  private void node(GNode n, List<Instr> out, List<Value> yieldTo) {
    switch (n) {
      case CallNode c -> out.add(call(c));
      case ConstNode c -> out.add(new Instr.Const(slot(c.result()), constant(c)));
      case DimNode d -> out.add(new Instr.ShapeDim(slot(d.result()), slot(d.src()), d.axis()));
      case ReshapeNode r -> out.add(new Instr.Reshape(slot(r.result()), slot(r.src()),
          ReshapeShapes.of(r.src().type().shape(), r.result().type().shape()), loc(r.span())));
      case CheckIndexNode c -> out.add(new Instr.CheckIndex(slot(c.index()), slot(c.tensor()), c.axis(), loc(c.span())));
      case ReturnNode r -> out.add(new Instr.Return(slots(r.values())));
      case YieldNode y -> {
        if (yieldTo == null || yieldTo.size() != y.values().size()) {
          throw new InternalCompilerError("yield of " + y.values().size() + " values where "
              + (yieldTo == null ? "none" : yieldTo.size()) + " are expected");
        }
        parallelCopy(yieldTo, y.values(), out);
      }
      case IfNode i -> out.add(new Instr.If(slot(i.cond()), region(i.then(), i.results()),
          region(i.otherwise(), i.results()), loc(i.span())));
      case ForNode f -> {
        parallelCopy(f.carried(), f.init(), out);
        out.add(new Instr.For(slot(f.var()), slot(f.lo()), slot(f.hi()), region(f.body(), f.carried()), loc(f.span())));
        parallelCopy(f.results(), f.carried(), out);
      }
      case WhileNode w -> {
        parallelCopy(w.carried(), w.init(), out);
        List<Value> condValue = new ArrayList<>();
        List<Instr> cond = new ArrayList<>();
        for (GNode c : w.cond().nodes()) {
          if (c instanceof YieldNode y) condValue.add(y.values().get(0));
          else node(c, cond, null);
        }
        if (condValue.size() != 1) throw new InternalCompilerError("while condition must yield one value");
        out.add(new Instr.While(cond, slot(condValue.get(0)), region(w.body(), w.carried()), loc(w.span())));
        parallelCopy(w.results(), w.carried(), out);
      }
    }
  }

  /** {@code to[i] = from[i]} for all i at once (through fresh slots, so overlapping sets are safe). */
  private void parallelCopy(List<Value> to, List<Value> from, List<Instr> out) {
    int[] temps = new int[from.size()];
    for (int i = 0; i < from.size(); i++) {
      temps[i] = next++;
      out.add(new Instr.Copy(temps[i], slot(from.get(i))));
    }
    for (int i = 0; i < to.size(); i++) out.add(new Instr.Copy(slot(to.get(i)), temps[i]));
  }

  private int[] slots(List<Value> vs) {
    int[] s = new int[vs.size()];
    for (int i = 0; i < s.length; i++) s[i] = slot(vs.get(i));
    return s;
  }

  private Instr call(CallNode c) {
    PrimFunc f = module.kernels().get(c.kernel());
    int kernel = kernelNames.indexOf(c.kernel());
    if (f == null || kernel < 0) throw new InternalCompilerError("call of unknown kernel " + c.kernel());
    List<List<IntExpr>> argShapes = new ArrayList<>();
    List<ElementType> argTypes = new ArrayList<>();
    for (Buffer b : f.inputs()) {
      argShapes.add(SizePatterns.of(b.shape(), f.sizeVars()));
      argTypes.add(elem(b.dtype()));
    }
    List<List<IntExpr>> resultShapes = new ArrayList<>();
    List<ElementType> resultTypes = new ArrayList<>();
    for (Buffer b : f.outputs()) {
      resultShapes.add(SizePatterns.of(b.shape(), f.sizeVars()));
      resultTypes.add(elem(b.dtype()));
    }
    return new Instr.CallKernel(kernel, slots(c.args()), slots(c.results()), argShapes, resultShapes, argTypes,
        resultTypes, f.sizeVars().size(), c.kernel(), loc(c.span()));
  }

  private static Tensor constant(ConstNode c) {
    int[] shape = c.result().type().staticShape();
    ElementType t = elem(c.result().type().dtype());
    int n = Tensor.checkedSize(shape);
    Object data = t.newArray(n);
    double v = c.fill();
    switch (data) {
      case float[] a -> java.util.Arrays.fill(a, (float) v);
      case double[] a -> java.util.Arrays.fill(a, v);
      case int[] a -> java.util.Arrays.fill(a, (int) v);
      case long[] a -> java.util.Arrays.fill(a, (long) v);
      case short[] a -> java.util.Arrays.fill(a, (short) v);
      case byte[] a -> java.util.Arrays.fill(a, (byte) v);
      case boolean[] a -> java.util.Arrays.fill(a, v != 0);
      default -> throw new InternalCompilerError("unexpected storage " + data.getClass());
    }
    return Tensor.of(t, data, shape);
  }

  static ElementType elem(DType t) {
    ElementType e = ElementType.parse(t.text());
    if (e == null) throw new InternalCompilerError("no runtime element type for " + t);
    return e;
  }

  private static String loc(Span s) {
    return s == null || !s.isKnown() ? null : s.toString();
  }
}

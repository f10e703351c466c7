package dev.kiln.ir.graph.text;

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
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.YieldNode;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a graph module: each kernel in the loop-nest IR's text form, then each graph function.
 * Values print as {@code %name}, made unique with a numeric suffix in order of definition; every
 * definition carries its type, so the text parses back without inference ({@link GraphParser}).
 * <pre>
 * graph mlp(%x: f32[B, 784]) -> (output: f32[B, 10]) {
 *   param %w1: f32[784, 128] from "w1"
 *   %h: f32[B, 128] = call dense(%x, %w1, %b1)
 *   %p: f32[1, 10] = if %c { yield %a } else { yield %b }
 *   %h_1: f32[1, 64] = for %t in %lo .. %hi carry (%h_0: f32[1, 64] = %z) { ...; yield %n }
 *   return %y
 * }
 * </pre>
 */
public final class GraphPrinter {
  private final StringBuilder sb = new StringBuilder();
  private final Map<Value, String> names = new IdentityHashMap<>();
  private final Set<String> used = new HashSet<>();

  private GraphPrinter() {}

  public static String print(GraphModule m) {
    StringBuilder out = new StringBuilder();
    for (var e : m.kernels().entrySet()) out.append(TirPrinter.print(e.getValue())).append('\n');
    for (GraphFunc f : m.funcs()) out.append(print(f));
    return out.toString();
  }

  public static String print(GraphFunc f) {
    GraphPrinter p = new GraphPrinter();
    p.func(f);
    return p.sb.toString();
  }

  private void func(GraphFunc f) {
    sb.append("graph ").append(f.name()).append('(');
    for (int i = 0; i < f.inputs().size(); i++) {
      if (i > 0) sb.append(", ");
      Value v = f.inputs().get(i);
      sb.append(define(v)).append(": ").append(type(v.type()));
    }
    sb.append(") -> (");
    for (int i = 0; i < f.outputNames().size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(f.outputNames().get(i)).append(": ").append(type(f.outputTypes().get(i)));
    }
    sb.append(") {\n");
    for (GraphParam p : f.params()) {
      sb.append("  param ").append(define(p.value())).append(": ").append(type(p.value().type())).append(" from ")
          .append(quote(p.key())).append('\n');
    }
    region(f.body(), 1);
    sb.append("}\n");
  }

  private void region(Region r, int depth) {
    for (GNode n : r.nodes()) {
      indent(depth);
      node(n, depth);
      sb.append('\n');
    }
  }

  private void node(GNode n, int depth) {
    switch (n) {
      case CallNode c -> {
        defs(c.results());
        sb.append("call ").append(c.kernel()).append('(').append(uses(c.args())).append(')');
      }
      case ConstNode c -> {
        defs(List.of(c.result()));
        sb.append("const ").append(Double.toString(c.fill()));
      }
      case DimNode d -> {
        defs(List.of(d.result()));
        sb.append("dim ").append(use(d.src())).append(", ").append(d.axis());
      }
      case ReshapeNode r -> {
        defs(List.of(r.result()));
        sb.append("reshape ").append(use(r.src()));
      }
      case CheckIndexNode c -> sb.append("check_index ").append(use(c.index())).append(", ").append(use(c.tensor()))
          .append(", ").append(c.axis());
      case ReturnNode r -> sb.append("return ").append(uses(r.values()));
      case YieldNode y -> sb.append("yield").append(y.values().isEmpty() ? "" : " " + uses(y.values()));
      case IfNode i -> {
        defs(i.results());
        sb.append("if ").append(use(i.cond())).append(" {\n");
        region(i.then(), depth + 1);
        indent(depth);
        sb.append("} else {\n");
        region(i.otherwise(), depth + 1);
        indent(depth);
        sb.append('}');
      }
      case ForNode f -> {
        String lo = use(f.lo());
        String hi = use(f.hi());
        List<String> init = new ArrayList<>();
        for (Value v : f.init()) init.add(use(v));
        defs(f.results());
        sb.append("for ").append(define(f.var())).append(" in ").append(lo).append(" .. ").append(hi);
        carry(f.carried(), init);
        sb.append(" {\n");
        region(f.body(), depth + 1);
        indent(depth);
        sb.append('}');
      }
      case WhileNode w -> {
        List<String> init = new ArrayList<>();
        for (Value v : w.init()) init.add(use(v));
        defs(w.results());
        sb.append("while");
        carry(w.carried(), init);
        sb.append(" cond {\n");
        region(w.cond(), depth + 1);
        indent(depth);
        sb.append("} do {\n");
        region(w.body(), depth + 1);
        indent(depth);
        sb.append('}');
      }
    }
  }

  private void carry(List<Value> carried, List<String> init) {
    sb.append(" carry (");
    for (int i = 0; i < carried.size(); i++) {
      if (i > 0) sb.append(", ");
      Value c = carried.get(i);
      sb.append(define(c)).append(": ").append(type(c.type())).append(" = ").append(init.get(i));
    }
    sb.append(')');
  }

  private void defs(List<Value> vs) {
    if (vs.isEmpty()) return;
    for (int i = 0; i < vs.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(define(vs.get(i))).append(": ").append(type(vs.get(i).type()));
    }
    sb.append(" = ");
  }

  private String define(Value v) {
    String base = v.name().replaceAll("[^A-Za-z0-9_]", "_");
    if (base.isEmpty() || Character.isDigit(base.charAt(0))) base = "v" + base;
    String n = base;
    for (int i = 1; !used.add(n); i++) n = base + "_" + i;
    names.put(v, n);
    return "%" + n;
  }

  private String use(Value v) {
    String n = names.get(v);
    if (n == null) throw new IllegalStateException("value " + v + " used before its definition");
    return "%" + n;
  }

  private String uses(List<Value> vs) {
    List<String> s = new ArrayList<>();
    for (Value v : vs) s.add(use(v));
    return String.join(", ", s);
  }

  private void indent(int depth) { sb.append("  ".repeat(depth)); }

  static String type(TensorType t) {
    StringBuilder s = new StringBuilder(t.dtype().text()).append('[');
    for (int i = 0; i < t.rank(); i++) {
      if (i > 0) s.append(", ");
      s.append(dim(t.shape().get(i), 0));
    }
    return s.append(']').toString();
  }

  /** Dimension expressions with minimal parentheses: precedence 1 for + -, 2 for * / %. */
  static String dim(Expr e, int outer) {
    return switch (e) {
      case IntImm k -> k.value() < 0 ? "(" + k.value() + ")" : Long.toString(k.value());
      case Var v -> v.name();
      case Binary b -> {
        int p = b.op() == BinOp.ADD || b.op() == BinOp.SUB ? 1 : 2;
        String s = dim(b.a(), p) + " " + b.op().symbol() + " " + dim(b.b(), p + 1);
        yield p < outer ? "(" + s + ")" : s;
      }
      default -> throw new IllegalArgumentException("not a dimension expression: " + e);
    };
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}

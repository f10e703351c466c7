package dev.kiln.passes.partition;

import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.ConstNode;
import dev.kiln.ir.graph.DimNode;
import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.PartitionedFunc;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.ReshapeNode;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.YieldNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a graph function into straight-line subgraphs and a host program (DyCL's first step).
 *
 * <p>Algorithm: every region of the function (the body, each branch, each loop condition and body)
 * is scanned in order; each maximal run of straight-line nodes (call, const, dim, reshape, check
 * index) becomes subgraph {@code <func>_sg<k>} (numbered in pre-order). Its inputs are the values
 * the run uses but does not define (live-ins: model inputs, weights, loop variables and carried
 * values, results of earlier runs or control-flow nodes); its outputs are the values it defines
 * that any node outside the run uses (live-outs, found from one pass that counts every use in the
 * function). In the host the run is replaced by {@code live-outs = call <func>_sg<k>(live-ins)}; a
 * run whose values nothing outside uses is still kept (its calls may fail, e.g. an index check).
 * Control-flow nodes, yields and returns stay in the host with their regions partitioned the same
 * way. Inlining every subgraph back where it was called gives the original function.
 */
public final class Partition {
  private final GraphFunc func;
  private final Map<Value, Integer> usesOutside = new IdentityHashMap<>();
  private final Map<String, GraphFunc> subgraphs = new LinkedHashMap<>();

  private Partition(GraphFunc func) { this.func = func; }

  public static PartitionedFunc apply(GraphFunc f) {
    Partition p = new Partition(f);
    Region body = p.region(f.body());
    return new PartitionedFunc(f.withBody(body), p.subgraphs);
  }

  /** Whether {@code n} is straight-line (belongs in a subgraph). */
  public static boolean straightLine(GNode n) {
    return n instanceof CallNode || n instanceof ConstNode || n instanceof DimNode || n instanceof ReshapeNode
        || n instanceof CheckIndexNode;
  }

  private Region region(Region r) {
    List<GNode> out = new ArrayList<>();
    List<GNode> run = new ArrayList<>();
    for (GNode n : r.nodes()) {
      if (straightLine(n)) {
        run.add(n);
        continue;
      }
      flush(run, out);
      out.add(controlFlow(n));
    }
    flush(run, out);
    return new Region(out);
  }

  private GNode controlFlow(GNode n) {
    return switch (n) {
      case IfNode i -> new IfNode(i.cond(), region(i.then()), region(i.otherwise()), i.results(), i.span());
      case ForNode f -> new ForNode(f.var(), f.lo(), f.hi(), f.init(), f.carried(), region(f.body()), f.results(), f.span());
      case WhileNode w -> new WhileNode(w.init(), w.carried(), region(w.cond()), region(w.body()), w.results(), w.span());
      case YieldNode y -> y;
      case ReturnNode ret -> ret;
      default -> throw new IllegalStateException("not a control-flow node: " + n);
    };
  }

  private void flush(List<GNode> run, List<GNode> out) {
    if (run.isEmpty()) return;
    Set<Value> defined = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Value> liveIn = new LinkedHashSet<>();
    for (GNode n : run) {
      for (Value u : Uses.of(n)) if (!defined.contains(u)) liveIn.add(u);
      defined.addAll(Uses.defs(n));
    }
    List<Value> liveOut = new ArrayList<>();
    for (GNode n : run)
      for (Value d : Uses.defs(n)) if (usedOutside(d, run)) liveOut.add(d);
    String name = func.name() + "_sg" + subgraphs.size();
    List<GNode> body = new ArrayList<>(run);
    body.add(new ReturnNode(liveOut, run.get(run.size() - 1).span()));
    List<TensorType> types = liveOut.stream().map(Value::type).toList();
    List<String> names = liveOut.stream().map(Value::name).toList();
    subgraphs.put(name, new GraphFunc(name, new ArrayList<>(liveIn), func.symbols(), List.of(), new Region(body), names, types,
        run.get(0).span()));
    out.add(new CallNode(liveOut, name, new ArrayList<>(liveIn), run.get(0).span()));
    run.clear();
  }

  /** Whether any node of the function outside {@code run} uses {@code v}. */
  private boolean usedOutside(Value v, List<GNode> run) {
    if (usesOutside.isEmpty()) Uses.count(func.body(), usesOutside);
    int inside = 0;
    for (GNode n : run) for (Value u : Uses.of(n)) if (u == v) inside++;
    return usesOutside.getOrDefault(v, 0) > inside;
  }
}

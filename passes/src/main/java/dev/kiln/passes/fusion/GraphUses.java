package dev.kiln.passes.fusion;

import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.ConstNode;
import dev.kiln.ir.graph.DimNode;
import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.ReshapeNode;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.YieldNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of every value of a graph function: for each value, the distinct nodes that read it,
 * each with the region the node sits in. A node that owns regions (if, for, while) uses its
 * condition, bounds and initial values in its own region; the nodes inside its regions are users
 * in those regions. Returns and yields are users like any other node. Algorithm: one pre-order
 * walk; a node reading a value twice is recorded once.
 */
final class GraphUses {
  /** A node reading a value, in the region that holds the node. */
  record Use(GNode user, Region region) {}

  private final Map<Value, List<Use>> uses = new IdentityHashMap<>();
  private final List<Site> calls = new ArrayList<>();

  /** A call node and the region that holds it. */
  record Site(CallNode call, Region region) {}

  private GraphUses() {}

  static GraphUses of(GraphFunc f) {
    GraphUses u = new GraphUses();
    u.region(f.body());
    return u;
  }

  /** The users of {@code v}, in walk order (empty when unused). */
  List<Use> of(Value v) { return uses.getOrDefault(v, List.of()); }

  /** Every call node, in walk order (outer regions before the regions they own). */
  List<Site> calls() { return calls; }

  private void region(Region r) {
    for (GNode n : r.nodes()) {
      switch (n) {
        case CallNode c -> {
          calls.add(new Site(c, r));
          read(n, r, c.args());
        }
        case ConstNode c -> { }
        case DimNode d -> read(n, r, List.of(d.src()));
        case ReshapeNode s -> read(n, r, List.of(s.src()));
        case CheckIndexNode c -> read(n, r, List.of(c.index(), c.tensor()));
        case ReturnNode ret -> read(n, r, ret.values());
        case YieldNode y -> read(n, r, y.values());
        case IfNode i -> {
          read(n, r, List.of(i.cond()));
          region(i.then());
          region(i.otherwise());
        }
        case ForNode f -> {
          read(n, r, List.of(f.lo(), f.hi()));
          read(n, r, f.init());
          region(f.body());
        }
        case WhileNode w -> {
          read(n, r, w.init());
          region(w.cond());
          region(w.body());
        }
      }
    }
  }

  private void read(GNode n, Region r, List<Value> vs) {
    for (Value v : vs) {
      List<Use> us = uses.computeIfAbsent(v, k -> new ArrayList<>());
      if (us.stream().noneMatch(u -> u.user() == n)) us.add(new Use(n, r));
    }
  }
}

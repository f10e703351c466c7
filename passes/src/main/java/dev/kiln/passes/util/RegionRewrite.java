package dev.kiln.passes.util;

import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.WhileNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds a graph region with some nodes replaced or removed, at any depth. Nodes are matched by
 * identity (two equal-looking calls are still different nodes). Algorithm: one walk over the
 * region; a node in the map becomes its replacement or disappears
 * when removed; an if/for/while whose regions changed is rebuilt around the new regions;
 * everything else is kept as the same object.
 */
public final class RegionRewrite {
  private final Map<GNode, GNode> replacements = new IdentityHashMap<>();
  private final Set<GNode> removals = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Replaces {@code node} by {@code with}. */
  public RegionRewrite replace(GNode node, GNode with) {
    replacements.put(node, with);
    return this;
  }

  /** Deletes {@code node}. */
  public RegionRewrite remove(GNode node) {
    removals.add(node);
    return this;
  }

  public Region apply(Region r) {
    List<GNode> out = new ArrayList<>();
    boolean changed = false;
    for (GNode n : r.nodes()) {
      if (removals.contains(n)) {
        changed = true;
        continue;
      }
      GNode m = replacements.containsKey(n) ? replacements.get(n) : nested(n);
      if (m != n) changed = true;
      out.add(m);
    }
    return changed ? new Region(out) : r;
  }

  private GNode nested(GNode n) {
    return switch (n) {
      case IfNode i -> {
        Region t = apply(i.then());
        Region e = apply(i.otherwise());
        yield t == i.then() && e == i.otherwise() ? i : new IfNode(i.cond(), t, e, i.results(), i.span());
      }
      case ForNode f -> {
        Region b = apply(f.body());
        yield b == f.body() ? f : new ForNode(f.var(), f.lo(), f.hi(), f.init(), f.carried(), b, f.results(), f.span());
      }
      case WhileNode w -> {
        Region c = apply(w.cond());
        Region b = apply(w.body());
        yield c == w.cond() && b == w.body() ? w : new WhileNode(w.init(), w.carried(), c, b, w.results(), w.span());
      }
      default -> n;
    };
  }
}

package dev.kiln.passes.partition;

import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.ConstNode;
import dev.kiln.ir.graph.DimNode;
import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.ReshapeNode;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.YieldNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The values a graph node uses and defines (its own operands, not those inside its regions). */
final class Uses {
  private Uses() {}

  static List<Value> of(GNode n) {
    return switch (n) {
      case CallNode c -> c.args();
      case ConstNode c -> List.of();
      case DimNode d -> List.of(d.src());
      case ReshapeNode r -> List.of(r.src());
      case CheckIndexNode c -> List.of(c.index(), c.tensor());
      case IfNode i -> List.of(i.cond());
      case ForNode f -> {
        List<Value> u = new ArrayList<>(List.of(f.lo(), f.hi()));
        u.addAll(f.init());
        yield u;
      }
      case WhileNode w -> w.init();
      case YieldNode y -> y.values();
      case ReturnNode r -> r.values();
    };
  }

  static List<Value> defs(GNode n) {
    return switch (n) {
      case CallNode c -> c.results();
      case ConstNode c -> List.of(c.result());
      case DimNode d -> List.of(d.result());
      case ReshapeNode r -> List.of(r.result());
      case IfNode i -> i.results();
      case ForNode f -> f.results();
      case WhileNode w -> w.results();
      default -> List.of();
    };
  }

  /** Adds every use in {@code r} (nested regions included) to {@code counts}. */
  static void count(Region r, Map<Value, Integer> counts) {
    for (GNode n : r.nodes()) {
      for (Value v : of(n)) counts.merge(v, 1, Integer::sum);
      switch (n) {
        case IfNode i -> { count(i.then(), counts); count(i.otherwise(), counts); }
        case ForNode f -> count(f.body(), counts);
        case WhileNode w -> { count(w.cond(), counts); count(w.body(), counts); }
        default -> { }
      }
    }
  }
}

package dev.kiln.ir.graph;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * {@code results = if cond { then } else { otherwise }}. Each region ends with a yield of as many
 * values as there are results, or with a return.
 */
public record IfNode(Value cond, Region then, Region otherwise, List<Value> results, Span span) implements GNode {
  public IfNode { results = List.copyOf(results); }
}

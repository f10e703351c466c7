package dev.kiln.ir.graph;

import dev.kiln.diag.Span;
import java.util.List;

/** Ends a region of an if/for/while, passing values to the enclosing node. */
public record YieldNode(List<Value> values, Span span) implements GNode {
  public YieldNode { values = List.copyOf(values); }
}

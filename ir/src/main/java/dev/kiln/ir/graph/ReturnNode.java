package dev.kiln.ir.graph;

import dev.kiln.diag.Span;
import java.util.List;

/** Ends the whole function with its outputs; may appear inside any region. */
public record ReturnNode(List<Value> values, Span span) implements GNode {
  public ReturnNode { values = List.copyOf(values); }
}

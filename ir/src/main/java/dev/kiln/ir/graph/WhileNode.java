package dev.kiln.ir.graph;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * {@code results = while carrying (carried = init) cond { ...; yield c } do { body }}: the
 * condition region ends with a yield of one scalar; the body ends with a yield of the next
 * carried values (or a return).
 */
public record WhileNode(List<Value> init, List<Value> carried, Region cond, Region body, List<Value> results,
    Span span) implements GNode {
  public WhileNode {
    init = List.copyOf(init);
    carried = List.copyOf(carried);
    results = List.copyOf(results);
  }
}

package dev.kiln.ir.graph;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * {@code results = for var in lo .. hi carrying (carried = init) { body }}: {@code var} is a 0-d
 * i32 value; {@code carried} are the loop-carried values seen by the body, initialized from
 * {@code init}; the body ends with a yield of their next values (or a return); {@code results} are
 * their values after the last iteration (the initial ones when the loop runs zero times).
 */
public record ForNode(Value var, Value lo, Value hi, List<Value> init, List<Value> carried, Region body,
    List<Value> results, Span span) implements GNode {
  public ForNode {
    init = List.copyOf(init);
    carried = List.copyOf(carried);
    results = List.copyOf(results);
  }
}

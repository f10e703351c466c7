package dev.kiln.ir.graph;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code results = call kernel(args)}: runs one kernel (a PrimFunc of the module) on tensors. */
public record CallNode(List<Value> results, String kernel, List<Value> args, Span span) implements GNode {
  public CallNode {
    results = List.copyOf(results);
    args = List.copyOf(args);
  }
}

package dev.kiln.ir.graph;

import java.util.List;

/** A list of nodes; regions of if/for/while end with a yield or a return. */
public record Region(List<GNode> nodes) {
  public Region { nodes = List.copyOf(nodes); }
}

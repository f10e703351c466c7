package dev.kiln.ir.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model split for compilation (DyCL's partition): {@code subgraphs} are straight-line graph
 * functions — kernel calls, constants, dims, reshapes and index checks, no {@code if}, {@code for},
 * {@code while} or early return — and {@code host} is the model's control flow, in which every
 * straight-line run of nodes has become one {@link CallNode} naming a subgraph (its arguments are
 * the run's live-in values, its results the run's live-out values; the same {@link Value} objects
 * as in the original, so nothing is copied at a boundary). Each subgraph ends with a
 * {@link ReturnNode} of its live-out values.
 */
public record PartitionedFunc(GraphFunc host, Map<String, GraphFunc> subgraphs) {
  public PartitionedFunc {
    subgraphs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subgraphs));
  }
}

package dev.kiln.runtime.plan;

import java.util.List;

/**
 * The declared shapes of a model's outputs (one list of {@link Dim}s per output, in output order)
 * and where the model declares them ({@code file:line:col} of its signature, or null). A run
 * checks each output against them: a fixed dimension must match, a symbol must have the extent the
 * inputs bound it to.
 */
public record OutputSpecs(List<List<Dim>> shapes, String location) {
  public OutputSpecs {
    shapes = shapes.stream().map(List::copyOf).toList();
  }
}

package dev.kiln.ir.graph;

import dev.kiln.ir.tir.PrimFunc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graph functions plus the kernels (PrimFuncs) their calls name, in a stable order. */
public record GraphModule(Map<String, PrimFunc> kernels, List<GraphFunc> funcs) {
  public GraphModule {
    kernels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kernels));
    funcs = List.copyOf(funcs);
  }

  public GraphFunc func(String name) {
    for (GraphFunc f : funcs) if (f.name().equals(name)) return f;
    return null;
  }
}

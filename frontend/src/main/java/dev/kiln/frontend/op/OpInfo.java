package dev.kiln.frontend.op;

import dev.kiln.frontend.ast.OpDecl;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of checking an op: its symbolic dimensions (the size variables, in order of first
 * appearance in the inputs), attributes, tensors and checked statements. {@code attrValues}
 * maps each attribute to the value the analysis used (Long, Double, Boolean), or to null where
 * it reasoned with an unknown value.
 */
public record OpInfo(OpDecl decl, String name, List<String> dims, List<AttrInfo> attrs, List<TensorInfo> inputs,
    List<TensorInfo> outputs, List<TensorInfo> intermediates, List<StmtInfo> stmts, Map<String, Object> attrValues) {
  public OpInfo {
    dims = List.copyOf(dims);
    attrs = List.copyOf(attrs);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    intermediates = List.copyOf(intermediates);
    stmts = List.copyOf(stmts);
    attrValues = Collections.unmodifiableMap(new LinkedHashMap<>(attrValues));
  }

  /** The tensor with this name among inputs, outputs and intermediates, or null. */
  public TensorInfo tensor(String tensorName) {
    for (List<TensorInfo> l : List.of(inputs, outputs, intermediates))
      for (TensorInfo t : l) if (t.name().equals(tensorName)) return t;
    return null;
  }

  /** The attribute with this name, or null. */
  public AttrInfo attr(String attrName) {
    for (AttrInfo a : attrs) if (a.name().equals(attrName)) return a;
    return null;
  }
}

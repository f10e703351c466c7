package dev.kiln.frontend.op;

import dev.kiln.diag.Span;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names of one op while it is checked: attributes, dimensions (all names seen in input
 * shapes, in order of first appearance, and those bound as a plain input dimension), tensors,
 * the tensors written so far, and the attribute values in use (null for an unknown value).
 */
final class OpScope {
  final Map<String, AttrInfo> attrs = new LinkedHashMap<>();
  final Map<String, Span> dims = new LinkedHashMap<>();
  final Set<String> boundDims = new LinkedHashSet<>();
  /** Inputs, outputs and the intermediates defined so far; null values for tensors whose declaration had errors. */
  final Map<String, TensorInfo> tensors = new LinkedHashMap<>();
  final Set<String> inputNames = new HashSet<>();
  /** The names of all intermediates (targets that are not outputs), known before any statement is checked. */
  final Set<String> intermediateNames = new LinkedHashSet<>();
  final Set<String> written = new HashSet<>();
  final Map<String, Object> attrValues = new LinkedHashMap<>();

  boolean isTensor(String name) { return tensors.containsKey(name) || intermediateNames.contains(name); }

  boolean isDim(String name) { return dims.containsKey(name) && !attrs.containsKey(name); }

  /** Whether a name is already taken by an attribute, a dimension or a tensor. */
  boolean isDeclared(String name) {
    return attrs.containsKey(name) || dims.containsKey(name) || isTensor(name);
  }

  /** The lower bound the prover may assume for each size symbol: dimensions 1, unknown attributes 0 or 1. */
  Map<String, Long> sizeMinimums() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String d : dims.keySet()) m.put(d, 1L);
    for (AttrInfo a : attrs.values())
      if (a.kind() == AttrInfo.Kind.INT && attrValues.get(a.name()) == null) m.put(a.name(), a.divisor() ? 1L : 0L);
    return m;
  }
}

package dev.kiln.frontend.model;

import dev.kiln.ir.graph.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/** The names visible at one point of a model body; branches and loop bodies work on copies. */
final class Scope {
  final Map<String, Value> vars;

  Scope() { this.vars = new LinkedHashMap<>(); }

  private Scope(Map<String, Value> vars) { this.vars = new LinkedHashMap<>(vars); }

  Scope copy() { return new Scope(vars); }

  Value get(String name) { return vars.get(name); }

  void put(String name, Value v) { vars.put(name, v); }
}

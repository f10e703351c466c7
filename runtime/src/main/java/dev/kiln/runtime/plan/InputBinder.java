package dev.kiln.runtime.plan;

import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the inputs of one run against a plan's {@link InputSpec}s and places them in their
 * slots. Collects every problem (missing and unknown names, wrong dtype, wrong rank, a fixed
 * dimension that differs, a symbol bound to two different extents) and reports them together in
 * one {@link KilnRuntimeException}, one line per problem. Symbols bind in input order, axis by
 * axis; the first occurrence of a symbol fixes its value. The error carries the declaration site
 * of the first input with a problem (the model's signature), so the CLI shows that line.
 */
final class InputBinder {
  private InputBinder() {}

  /** Binds the inputs; returns the extent each symbolic dimension was bound to. */
  static Map<String, Integer> bind(Plan plan, Map<String, Tensor> inputs, Tensor[] slots) {
    List<String> problems = new ArrayList<>();
    Map<String, String> boundBy = new HashMap<>();
    Map<String, Integer> symbols = new HashMap<>();
    List<String> declared = new ArrayList<>();
    String location = null;
    for (InputSpec spec : plan.inputs()) {
      declared.add(spec.name());
      Tensor t = inputs.get(spec.name());
      if (t == null) {
        problems.add("missing input '" + spec.name() + "' (" + spec.typeString() + ")");
        if (location == null) location = spec.location();
        continue;
      }
      String what = "input '" + spec.name() + "'";
      if (t.dtype() != spec.dtype()) {
        problems.add(what + ": expected dtype " + spec.dtype() + ", got " + t.typeString());
        if (location == null) location = spec.location();
        continue;
      }
      if (t.rank() != spec.shape().size()) {
        problems.add(what + ": expected rank " + spec.shape().size() + " ("
            + spec.typeString() + "), got " + t.typeString());
        if (location == null) location = spec.location();
        continue;
      }
      boolean ok = true;
      for (int a = 0; a < t.rank(); a++) {
        int actual = t.dim(a);
        switch (spec.shape().get(a)) {
          case Dim.Fixed f -> {
            if (f.value() != actual) {
              problems.add(what + " axis " + a + ": expected " + f.value() + " ("
                  + spec.typeString() + "), got " + actual + " (" + t.typeString() + ")");
              ok = false;
            }
          }
          case Dim.Symbol s -> {
            Integer prior = symbols.putIfAbsent(s.name(), actual);
            String here = what + " axis " + a;
            if (prior == null) {
              boundBy.put(s.name(), here);
            } else if (prior != actual) {
              problems.add(here + ": symbol " + s.name() + " is " + actual + " here but "
                  + prior + " at " + boundBy.get(s.name()));
              ok = false;
            }
          }
        }
      }
      if (ok) {
        slots[spec.slot()] = t;
      } else if (location == null) {
        location = spec.location();
      }
    }
    for (String name : inputs.keySet()) {
      if (!declared.contains(name)) {
        problems.add("unknown input '" + name + "'; model '" + plan.modelName() + "' takes "
            + (declared.isEmpty() ? "no inputs" : String.join(", ", declared)));
      }
    }
    if (!problems.isEmpty()) {
      throw new KilnRuntimeException((problems.size() == 1 ? "" : problems.size()
          + " problems with the inputs of model '" + plan.modelName() + "':\n  ")
          + String.join("\n  ", problems), location);
    }
    return symbols;
  }
}

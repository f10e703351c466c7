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
      }
      if (t != null && fits(spec, t, problems, symbols, boundBy)) {
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

  /**
   * Whether {@code t} matches {@code spec} (dtype, rank, fixed extents, symbols bound so far,
   * binding new ones); each mismatch is added to {@code problems}.
   */
  private static boolean fits(InputSpec spec, Tensor t, List<String> problems, Map<String, Integer> symbols,
      Map<String, String> boundBy) {
    String what = "input '" + spec.name() + "'";
    if (t.dtype() != spec.dtype()) {
      problems.add(what + ": expected dtype " + spec.dtype() + ", got " + t.typeString());
      return false;
    }
    if (t.rank() != spec.shape().size()) {
      problems.add(what + ": expected rank " + spec.shape().size() + " ("
          + spec.typeString() + "), got " + t.typeString());
      return false;
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
        case Dim.Symbol sym -> {
          Integer prior = symbols.putIfAbsent(sym.name(), actual);
          String here = what + " axis " + a;
          if (prior == null) {
            boundBy.put(sym.name(), here);
          } else if (prior != actual) {
            problems.add(here + ": symbol " + sym.name() + " is " + actual + " here but "
                + prior + " at " + boundBy.get(sym.name()));
            ok = false;
          }
        }
      }
    }
    return ok;
  }
}

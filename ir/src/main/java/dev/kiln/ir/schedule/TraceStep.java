package dev.kiln.ir.schedule;

import java.util.List;

/**
 * One recorded primitive application, in the shape of a MetaSchedule instruction: the
 * primitive's name, the handles it consumes ({@code inputs}, e.g. {@code l3}), its plain arguments
 * ({@code attrs}: Integers and Strings such as split factors or new loop names) and the handles it
 * produces ({@code outputs}). Everything is a string or an integer, so a trace serializes to JSON.
 */
public record TraceStep(String primitive, List<String> inputs, List<Object> attrs, List<String> outputs) {
  public TraceStep {
    inputs = List.copyOf(inputs);
    attrs = List.copyOf(attrs);
    outputs = List.copyOf(outputs);
    for (Object a : attrs)
      if (!(a instanceof Integer) && !(a instanceof String))
        throw new IllegalArgumentException("trace attribute must be an Integer or a String: " + a);
  }

  @Override public String toString() {
    StringBuilder sb = new StringBuilder();
    if (!outputs.isEmpty()) sb.append(String.join(", ", outputs)).append(" = ");
    sb.append(primitive).append('(');
    String sep = "";
    for (String in : inputs) { sb.append(sep).append(in); sep = ", "; }
    for (Object a : attrs) { sb.append(sep).append(a instanceof String s ? '"' + s + '"' : a); sep = ", "; }
    return sb.append(')').toString();
  }
}

package dev.kiln.runtime.plan;

import dev.kiln.runtime.ElementType;
import java.util.List;

/**
 * A model input: its name, element type, declared shape, the slot it is placed in, and where the
 * model declares it ({@code file:line:col}, or null when unknown), which errors about it name.
 */
public record InputSpec(String name, ElementType dtype, List<Dim> shape, int slot, String location) {
  public InputSpec {
    shape = List.copyOf(shape);
  }

  /** An input without a known declaration site. */
  public InputSpec(String name, ElementType dtype, List<Dim> shape, int slot) {
    this(name, dtype, shape, slot, null);
  }

  /** {@code "f32[B, 784]"}. */
  public String typeString() {
    StringBuilder sb = new StringBuilder(dtype.text()).append('[');
    for (int i = 0; i < shape.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(shape.get(i));
    }
    return sb.append(']').toString();
  }
}

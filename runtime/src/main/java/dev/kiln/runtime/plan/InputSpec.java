package dev.kiln.runtime.plan;

import dev.kiln.runtime.ElementType;
import java.util.List;

/** A model input: its name, element type, declared shape, and the slot it is placed in. */
public record InputSpec(String name, ElementType dtype, List<Dim> shape, int slot) {
  public InputSpec {
    shape = List.copyOf(shape);
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

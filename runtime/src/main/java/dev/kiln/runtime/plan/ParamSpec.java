package dev.kiln.runtime.plan;

import dev.kiln.runtime.ElementType;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model weight: the param's name in the model, the key it is looked up by in the weights file,
 * its element type and exact shape, the source location of its declaration
 * ({@code "mlp.kiln:4:3"}, may be null), and the slot it is placed in.
 */
public record ParamSpec(String name, String key, ElementType dtype, int[] shape, String location,
    int slot) {
  public ParamSpec {
    shape = shape.clone();
  }

  /** A copy of the declared shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamSpec p && name.equals(p.name) && key.equals(p.key)
        && dtype == p.dtype && Arrays.equals(shape, p.shape)
        && Objects.equals(location, p.location) && slot == p.slot;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, key, dtype, Arrays.hashCode(shape), location, slot);
  }

  @Override
  public String toString() {
    return "ParamSpec[" + name + " from '" + key + "': " + dtype.format(shape) + " at "
        + location + " -> slot " + slot + "]";
  }
}

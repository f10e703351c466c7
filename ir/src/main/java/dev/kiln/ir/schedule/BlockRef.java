package dev.kiln.ir.schedule;

/** A handle to a block, found by its (unique) name; {@code handle} is its name in the trace. */
public record BlockRef(String handle, String name) {
  @Override public String toString() { return "`" + name + "`"; }
}

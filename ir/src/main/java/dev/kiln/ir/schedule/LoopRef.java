package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.Var;

/**
 * A handle to a loop: the loop's variable (an identity object) and the handle's name in the trace
 * ({@code l0}, {@code l1}, ...). A handle goes stale when a primitive replaces its loop (split,
 * fuse); using a stale handle is a {@link ScheduleException}.
 */
public record LoopRef(String handle, Var var) {
  /** The loop variable's name, e.g. {@code i} or {@code io}. */
  public String name() { return var.name(); }

  @Override public String toString() { return "`" + var.name() + "`"; }
}

package dev.kiln.runtime.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The straight-line blocks of a plan: each maximal run of instructions other than {@code If},
 * {@code For}, {@code While} and {@code Return} in the body and in every nested block, numbered in
 * pre-order (a run is numbered before the blocks nested in the control-flow instruction after it).
 * The host code generator and {@link HostRun} both number blocks with {@link #collect}, so a
 * generated host and the plan it was generated from always agree.
 */
public final class HostBlocks {
  private HostBlocks() {}

  /** Whether {@code i} is control flow (kept in the host program). */
  public static boolean controlFlow(Instr i) {
    return i instanceof Instr.If || i instanceof Instr.For || i instanceof Instr.While || i instanceof Instr.Return;
  }

  /** Every straight-line block of {@code body}, in pre-order. */
  public static List<List<Instr>> collect(List<Instr> body) {
    List<List<Instr>> out = new ArrayList<>();
    walk(body, out);
    return out;
  }

  private static void walk(List<Instr> block, List<List<Instr>> out) {
    List<Instr> run = new ArrayList<>();
    for (Instr i : block) {
      if (!controlFlow(i)) {
        run.add(i);
        continue;
      }
      if (!run.isEmpty()) {
        out.add(List.copyOf(run));
        run.clear();
      }
      switch (i) {
        case Instr.If f -> {
          walk(f.then(), out);
          walk(f.otherwise(), out);
        }
        case Instr.For f -> walk(f.body(), out);
        case Instr.While w -> {
          walk(w.condBody(), out);
          walk(w.body(), out);
        }
        default -> { }
      }
    }
    if (!run.isEmpty()) out.add(List.copyOf(run));
  }
}

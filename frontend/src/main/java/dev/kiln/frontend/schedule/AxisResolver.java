package dev.kiln.frontend.schedule;

import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.model.Suggest;
import dev.kiln.ir.schedule.BlockRef;
import dev.kiln.ir.schedule.LoopRef;
import dev.kiln.ir.schedule.Schedule;
import dev.kiln.ir.schedule.ScheduleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves axis names of a schedule to loops. Order: (1) a name bound by an earlier result
 * ({@code io, ii = split(i, 32)}); (2) a loop of that name around the block that writes the op's
 * output (the block named after the first output, else the last block); (3) the unique loop of
 * that name anywhere. No loop: "unknown axis" with a suggestion; several in step (3): "ambiguous".
 * Block names resolve the same way: a name bound by an earlier result, else the block of that name.
 */
final class AxisResolver {
  private final Schedule schedule;
  private final String outputBlock;
  private final Map<String, LoopRef> bound = new LinkedHashMap<>();
  private final Map<String, BlockRef> boundBlocks = new LinkedHashMap<>();

  AxisResolver(Schedule schedule, String outputName) {
    this.schedule = schedule;
    this.outputBlock = outputName;
  }

  void bind(String name, LoopRef loop) { bound.put(name, loop); }

  void bindBlock(String name, BlockRef block) { boundBlocks.put(name, block); }

  /**
   * A block named by an earlier result ({@code I = decompose_reduction(...)}) or by the tensor it
   * writes; else "unknown block" with a suggestion and the list of blocks.
   */
  BlockRef resolveBlock(Name name) {
    BlockRef r = boundBlocks.get(name.name());
    if (r != null) return r;
    List<String> names = new ArrayList<>();
    for (BlockRef b : schedule.getBlocks()) if (!names.contains(b.name())) names.add(b.name());
    if (!names.contains(name.name()))
      throw new KilnException(name.span(), "unknown block `" + name.name() + "`" + Suggest.didYouMean(name.name(), names)
          + "; blocks: " + String.join(", ", names));
    try {
      return schedule.getBlock(name.name());
    } catch (ScheduleException e) {
      throw new KilnException(name.span(), e.getMessage());
    }
  }

  LoopRef resolve(Name axis) {
    LoopRef r = bound.get(axis.name());
    if (r != null) return r;
    List<BlockRef> blocks = schedule.getBlocks();
    if (blocks.isEmpty()) throw new KilnException(axis.span(), "unknown axis `" + axis.name() + "`: the op has no loops");
    BlockRef out = blocks.stream().filter(b -> b.name().equals(outputBlock)).findFirst().orElse(blocks.getLast());
    for (LoopRef l : schedule.getLoops(out)) if (l.name().equals(axis.name())) return l;
    Map<LoopRef, String> found = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>(bound.keySet());
    for (BlockRef b : blocks) {
      for (LoopRef l : schedule.getLoops(b)) {
        names.add(l.name());
        if (l.name().equals(axis.name()) && found.keySet().stream().noneMatch(f -> f.var() == l.var())) found.put(l, b.name());
      }
    }
    if (found.size() == 1) return found.keySet().iterator().next();
    if (found.isEmpty())
      throw new KilnException(axis.span(), "unknown axis `" + axis.name() + "`" + Suggest.didYouMean(axis.name(), names)
          + "; axes: " + String.join(", ", names));
    List<String> where = new ArrayList<>();
    for (String b : found.values()) where.add("`" + b + "`");
    throw new KilnException(axis.span(), "axis `" + axis.name() + "` is ambiguous: loops around blocks "
        + String.join(", ", where) + " have that name");
  }
}

package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.PrimFunc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The primitives a {@link Schedule} applied, in order. Because primitives are deterministic and
 * handles are named in the order they are handed out, {@link #replay(PrimFunc)} on the function
 * the schedule started from rebuilds exactly the same program.
 */
public record Trace(List<TraceStep> steps) {
  public Trace { steps = List.copyOf(steps); }

  /**
   * Applies every step to a fresh schedule of {@code func}. Throws {@link ScheduleException} when a
   * step does not apply (e.g. the trace was recorded on another function).
   */
  public Schedule replay(PrimFunc func) {
    Schedule s = new Schedule(func);
    Map<String, Object> handles = new HashMap<>();
    for (TraceStep st : steps) {
      List<Object> outs = new ArrayList<>();
      switch (st.primitive()) {
        case "get_block" -> outs.add(s.getBlock((String) st.attrs().get(0)));
        case "get_blocks" -> outs.addAll(s.getBlocks());
        case "get_loops" -> outs.addAll(s.getLoops((BlockRef) handle(handles, st, 0)));
        case "split" -> {
          List<Integer> factors = new ArrayList<>();
          List<String> names = new ArrayList<>();
          for (Object a : st.attrs()) {
            if (a instanceof Integer i) factors.add(i);
            else names.add((String) a);
          }
          outs.addAll(s.split(loop(handles, st, 0), names.isEmpty() ? null : names,
              factors.stream().mapToInt(Integer::intValue).toArray()));
        }
        case "fuse" -> outs.add(s.fuse(st.attrs().isEmpty() ? null : (String) st.attrs().get(0), loops(handles, st)));
        case "reorder" -> s.reorder(loops(handles, st));
        case "parallel" -> s.parallel(loop(handles, st, 0));
        case "vectorize" -> s.vectorize(loop(handles, st, 0));
        case "unroll" -> s.unroll(loop(handles, st, 0));
        case "bind" -> s.bind(loop(handles, st, 0), (String) st.attrs().get(0));
        case "compute_inline" -> s.computeInline(block(handles, st, 0));
        case "reverse_compute_inline" -> s.reverseComputeInline(block(handles, st, 0));
        case "cache_read" -> outs.add(s.cacheRead(st.inputs().isEmpty() ? null : block(handles, st, 0), (String) st.attrs().get(0)));
        case "cache_write" -> outs.add(s.cacheWrite(block(handles, st, 0)));
        case "compute_at" -> s.computeAt(block(handles, st, 0), loop(handles, st, 1));
        case "reverse_compute_at" -> s.reverseComputeAt(block(handles, st, 0), loop(handles, st, 1));
        case "rfactor" -> outs.add(s.rfactor(loop(handles, st, 0)));
        case "blockize" -> outs.add(s.blockize(loop(handles, st, 0)));
        case "decompose_reduction" -> outs.add(s.decomposeReduction(block(handles, st, 0), loop(handles, st, 1)));
        case "tensorize" -> s.tensorize(loop(handles, st, 0), (String) st.attrs().get(0));
        default -> throw new ScheduleException("cannot replay unknown primitive `" + st.primitive() + "`");
      }
      if (outs.size() != st.outputs().size())
        throw new ScheduleException("replay of `" + st + "` produced " + outs.size() + " handles, recorded " + st.outputs().size());
      for (int i = 0; i < outs.size(); i++) handles.put(st.outputs().get(i), outs.get(i));
    }
    return s;
  }

  private static Object handle(Map<String, Object> handles, TraceStep st, int i) {
    Object h = handles.get(st.inputs().get(i));
    if (h == null) throw new ScheduleException("replay of `" + st + "`: handle " + st.inputs().get(i) + " is undefined");
    return h;
  }

  private static LoopRef loop(Map<String, Object> handles, TraceStep st, int i) {
    if (!(handle(handles, st, i) instanceof LoopRef l))
      throw new ScheduleException("replay of `" + st + "`: " + st.inputs().get(i) + " is not a loop");
    return l;
  }

  private static BlockRef block(Map<String, Object> handles, TraceStep st, int i) {
    if (!(handle(handles, st, i) instanceof BlockRef b))
      throw new ScheduleException("replay of `" + st + "`: " + st.inputs().get(i) + " is not a block");
    return b;
  }

  private static LoopRef[] loops(Map<String, Object> handles, TraceStep st) {
    LoopRef[] out = new LoopRef[st.inputs().size()];
    for (int i = 0; i < out.length; i++) out[i] = loop(handles, st, i);
    return out;
  }

  @Override public String toString() {
    StringBuilder sb = new StringBuilder();
    for (TraceStep s : steps) sb.append(s).append('\n');
    return sb.toString();
  }
}

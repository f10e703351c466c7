package dev.kiln.frontend.schedule;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.SchedStmt;
import dev.kiln.frontend.ast.ScheduleDecl;
import dev.kiln.frontend.model.Suggest;
import dev.kiln.ir.schedule.BlockRef;
import dev.kiln.ir.schedule.LoopRef;
import dev.kiln.ir.schedule.Schedule;
import dev.kiln.ir.schedule.ScheduleException;
import dev.kiln.ir.tir.PrimFunc;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@code schedule} block to the PrimFunc lowered from its op.
 *
 * <p>Algorithm: one pass over the primitives in order. Each is first checked on its own (a known
 * primitive name, else "unknown schedule primitive" with a suggestion; argument kinds, counts and
 * result names, see
 * {@link SchedCall}). While no error has occurred, a well-formed primitive is then applied: its
 * axes are resolved ({@link AxisResolver}) and the {@link Schedule} primitive runs; its result
 * loops are bound to the result names. After the first failure nothing more is applied, but the
 * remaining primitives are still checked on their own, so independent syntactic errors are all
 * reported. At the end, any error is thrown as one {@link KilnException}; the input PrimFunc is
 * immutable and is never changed.
 */
public final class ScheduleApplier {
  private ScheduleApplier() {}

  /** The scheduled function, or a KilnException with a diagnostic per error. */
  public static PrimFunc apply(ScheduleDecl decl, PrimFunc func) {
    DiagnosticSink sink = new DiagnosticSink();
    Schedule schedule = new Schedule(func);
    String output = func.outputs().isEmpty() ? "" : func.outputs().get(0).name();
    AxisResolver axes = new AxisResolver(schedule, output);
    boolean failed = false;
    for (SchedStmt st : decl.body()) {
      SchedCall call = check(st, sink);
      if (call == null) {
        failed = true;
        continue;
      }
      if (failed) continue;
      try {
        run(call, schedule, axes);
      } catch (KilnException e) {
        sink.addAll(e);
        failed = true;
      } catch (ScheduleException e) {
        sink.error(st.span(), e.getMessage());
        failed = true;
      }
    }
    sink.throwIfErrors();
    return schedule.func();
  }

  /** Checks that {@code decl} applies to {@code func}; throws the same diagnostics as {@link #apply}. */
  public static void validate(ScheduleDecl decl, PrimFunc func) { apply(decl, func); }

  private static SchedCall check(SchedStmt st, DiagnosticSink sink) {
    String prim = st.primitive().name();
    if (!Primitives.SUPPORTED.contains(prim)) {
      sink.error(st.primitive().span(), "unknown schedule primitive `" + prim + "`" + Suggest.didYouMean(prim, Primitives.all()));
      return null;
    }
    return SchedCall.check(st, sink);
  }

  private static void run(SchedCall call, Schedule s, AxisResolver axes) {
    List<LoopRef> loops = new ArrayList<>();
    for (Name n : call.axes()) loops.add(axes.resolve(n));
    List<String> names = call.results();
    switch (call.stmt().primitive().name()) {
      case "split" -> {
        List<LoopRef> out = s.split(loops.get(0), names, call.factors());
        for (int i = 0; i < out.size(); i++) axes.bind(names.get(i), out.get(i));
      }
      case "fuse" -> {
        LoopRef out = s.fuse(names.isEmpty() ? null : names.get(0), loops.toArray(new LoopRef[0]));
        if (!names.isEmpty()) axes.bind(names.get(0), out);
      }
      case "reorder" -> s.reorder(loops.toArray(new LoopRef[0]));
      case "parallel" -> s.parallel(loops.get(0));
      case "vectorize" -> s.vectorize(loops.get(0));
      case "unroll" -> s.unroll(loops.get(0));
      case "bind" -> s.bind(loops.get(0), call.strings().get(0));
      case "compute_inline" -> s.computeInline(axes.resolveBlock(call.blocks().get(0)));
      case "reverse_compute_inline" -> s.reverseComputeInline(axes.resolveBlock(call.blocks().get(0)));
      case "cache_read" -> {
        BlockRef reader = call.blocks().isEmpty() ? null : axes.resolveBlock(call.blocks().get(0));
        BlockRef copy = s.cacheRead(reader, call.strings().get(0));
        if (!names.isEmpty()) axes.bindBlock(names.get(0), copy);
      }
      case "compute_at" -> s.computeAt(axes.resolveBlock(call.blocks().get(0)), loops.get(0));
      case "reverse_compute_at" -> s.reverseComputeAt(axes.resolveBlock(call.blocks().get(0)), loops.get(0));
      case "tensorize" -> s.tensorize(loops.get(0), call.strings().get(0));
      case "rfactor" -> {
        BlockRef rf = s.rfactor(loops.get(0));
        if (!names.isEmpty()) axes.bindBlock(names.get(0), rf);
      }
      case "blockize" -> {
        BlockRef outer = s.blockize(loops.get(0));
        if (!names.isEmpty()) axes.bindBlock(names.get(0), outer);
      }
      case "cache_write" -> {
        BlockRef copy = s.cacheWrite(axes.resolveBlock(call.blocks().get(0)));
        if (!names.isEmpty()) axes.bindBlock(names.get(0), copy);
      }
      case "decompose_reduction" -> {
        BlockRef init = s.decomposeReduction(axes.resolveBlock(call.blocks().get(0)), loops.get(0));
        if (!names.isEmpty()) axes.bindBlock(names.get(0), init);
      }
      default -> throw new dev.kiln.diag.InternalCompilerError("unhandled primitive " + call.stmt().primitive().name());
    }
  }
}

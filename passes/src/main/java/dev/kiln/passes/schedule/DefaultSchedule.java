package dev.kiln.passes.schedule;

import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.schedule.BlockRef;
import dev.kiln.ir.schedule.LoopRef;
import dev.kiln.ir.schedule.Schedule;
import dev.kiln.ir.schedule.ScheduleException;
import dev.kiln.ir.graph.GraphModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;

/**
 * Chooses a schedule for a kernel that has none, by rules, through the same {@link Schedule}
 * API a user's {@code schedule} block drives. First, an elementwise producer with one elementwise
 * consumer is inlined into it ({@link InlineElementwiseRule}). Then, for each block, in order:
 * <ol>
 *   <li>GEMM- and convolution-like f32 blocks become calls of the {@code jvm.gemm_f32} tensor
 *       intrinsic ({@link GemmTensorizeRule}); the rules below then skip them.
 *   <li>Other reduction blocks with at least two spatial loops outside their reduction loops (GEMM-
 *       and conv-like, e.g. a (min, +) product or an f64 matmul): multi-level tiling with packing.
 *       The last two spatial loops {@code i, j} are tiled as {@code io, ii} by {@value #ROWS} and
 *       {@code jo, ji} by {@value #LANES}, a single reduction loop deeper than
 *       {@value #PANEL_DEPTH} as {@code ko, ki}, and the nest becomes
 *       {@code jo, ko, io, ki, ii, ji}; the operand indexed by j and the reduction but not i (B of
 *       A·B) is staged through {@code cache_read} and {@code compute_at(.., ko)} (or {@code jo}), a
 *       packed panel that every row tile reuses, and the reduction runs outside a register tile;
 *       where the extents do not allow the tile, the last spatial loop alone moves inside the
 *       reductions ({@code i, k, j}), so the innermost loop walks rows with unit stride — only when
 *       it does walk every buffer it indexes with unit stride ({@link UnitStride}).
 *   <li>Every block: its innermost loop, when it is spatial, is vectorized (the JVM backend runs
 *       it on the Vector API's preferred species with a scalar tail, whatever its extent).
 *   <li>Every block: its outermost spatial loop that holds only this block runs in parallel when
 *       the nest does enough work (at least {@value #PARALLEL_WORK} iterations, counting a
 *       symbolic extent as 64).
 * </ol>
 * A tile is only cut where its factor divides a constant extent, so no default schedule adds a
 * tail guard to an inner loop. Every step that the Schedule API refuses (its preconditions are the
 * checks) is skipped, so the result is always a legal schedule of the same program.
 */
public final class DefaultSchedule {
  static final int ROWS = 4;
  static final int LANES = 16;
  /** Reduction steps per packed panel (the column operand's rows copied at a time). */
  static final int PANEL_DEPTH = 64;
  static final long PARALLEL_WORK = 1 << 14;

  private DefaultSchedule() {}

  /** Every kernel of the module except those named in {@code keep} (which have a user schedule). */
  public static GraphModule applyAll(GraphModule m, Set<String> keep) {
    Map<String, PrimFunc> out = new LinkedHashMap<>();
    for (var e : m.kernels().entrySet()) {
      out.put(e.getKey(), keep.contains(e.getKey()) ? e.getValue() : apply(e.getValue()));
    }
    return new GraphModule(out, m.funcs());
  }

  public static PrimFunc apply(PrimFunc f) {
    Schedule s = new Schedule(f);
    InlineElementwiseRule.apply(s);
    for (BlockRef b : s.getBlocks()) {
      Schedule tensorized = GemmTensorizeRule.apply(s.func(), b.name());
      if (tensorized != null) {
        s = tensorized;
        continue;
      }
      s = tile(s, b);
      vectorizeInnermost(s, b);
      parallelizeOutermost(s, b);
    }
    return s.func();
  }

  /** Tiles {@code b} (see the class comment); returns the schedule to go on with. */
  private static Schedule tile(Schedule s, BlockRef b) {
    List<LoopRef> loops = s.getLoops(b);
    List<Integer> spatial = new ArrayList<>();
    List<Integer> reduce = new ArrayList<>();
    for (int n = 0; n < loops.size(); n++) {
      IterKind k = kind(s, b, loops.get(n));
      if (k == IterKind.REDUCE) reduce.add(n);
      else if (k == IterKind.SPATIAL && reduce.isEmpty()) spatial.add(n);
      else return s;
    }
    if (reduce.isEmpty() || spatial.isEmpty()) return s;
    LoopRef j = loops.get(spatial.get(spatial.size() - 1));
    LoopRef i = spatial.size() >= 2 ? loops.get(spatial.get(spatial.size() - 2)) : null;
    if (i == null || !divides(s, i, ROWS) || !divides(s, j, LANES)) {
      // No register tile: still move the last spatial loop inside the reductions, when it walks
      // every buffer with unit stride (else the vectorized loop would gather, e.g. a row sum).
      if (!UnitStride.inEveryAccess(realize(s.func(), b.name()), s.loop(j).var())) return s;
      List<LoopRef> order = new ArrayList<>();
      for (int n : spatial.subList(0, spatial.size() - 1)) order.add(loops.get(n));
      for (int n : reduce) order.add(loops.get(n));
      order.add(j);
      try {
        s.reorder(order.toArray(LoopRef[]::new));
      } catch (ScheduleException e) {
        // leave the nest as it is
      }
      return s;
    }
    List<Var> reduceVars = reduce.stream().map(n -> s.loop(loops.get(n)).var()).toList();
    String panel = PanelOperand.of(realize(s.func(), b.name()), s.loop(i).var(), s.loop(j).var(), reduceVars);
    Schedule t = new Schedule(s.func());
    try {
      List<LoopRef> tl = t.getLoops(t.getBlock(b.name()));
      List<LoopRef> is = t.split(tl.get(spatial.get(spatial.size() - 2)), -1, ROWS);
      List<LoopRef> js = t.split(tl.get(spatial.get(spatial.size() - 1)), -1, LANES);
      LoopRef k = reduce.size() == 1 ? tl.get(reduce.get(0)) : null;
      List<LoopRef> ks = k != null && constExtent(t, k) > PANEL_DEPTH && divides(t, k, PANEL_DEPTH)
          ? t.split(k, -1, PANEL_DEPTH) : null;
      List<LoopRef> order = new ArrayList<>();
      for (int n : spatial.subList(0, spatial.size() - 2)) order.add(tl.get(n));
      order.add(js.get(0));
      if (ks != null) order.add(ks.get(0));
      order.add(is.get(0));
      if (ks != null) order.add(ks.get(1));
      else for (int n : reduce) order.add(tl.get(n));
      order.add(is.get(1));
      order.add(js.get(1));
      t.reorder(order.toArray(LoopRef[]::new));
      if (panel != null) {
        // Pack the panel of the column operand that the row tiles share: a local copy per
        // column tile (and reduction block), read by every row tile below it.
        BlockRef copy = t.cacheRead(t.getBlock(b.name()), panel);
        t.computeAt(copy, ks != null ? ks.get(0) : js.get(0));
      }
      return t;
    } catch (ScheduleException e) {
      return s; // the nest is not a plain tileable one: leave it as it was
    }
  }

  private static void vectorizeInnermost(Schedule s, BlockRef b) {
    List<LoopRef> loops = s.getLoops(b);
    if (loops.isEmpty()) return;
    LoopRef inner = loops.get(loops.size() - 1);
    if (kind(s, b, inner) != IterKind.SPATIAL) return;
    try {
      s.vectorize(inner);
    } catch (ScheduleException e) {
      // not vectorizable here (e.g. several blocks share the loop)
    }
  }

  private static void parallelizeOutermost(Schedule s, BlockRef b) {
    List<LoopRef> loops = s.getLoops(b);
    if (loops.isEmpty() || kind(s, b, loops.get(0)) != IterKind.SPATIAL) return;
    long work = 1;
    for (LoopRef l : loops) {
      long n = constExtent(s, l);
      work = Math.min(Long.MAX_VALUE / 1024, work * (n < 0 ? 64 : n));
    }
    if (work < PARALLEL_WORK) return;
    // The outermost spatial loop that may run in parallel: one shared with another block (a
    // packed panel's copy) is skipped for the next spatial loop inside it.
    for (LoopRef l : loops) {
      if (kind(s, b, l) != IterKind.SPATIAL || s.loop(l).kind() != dev.kiln.ir.tir.ForKind.SERIAL) continue;
      try {
        s.parallel(l);
        return;
      } catch (ScheduleException e) {
        // nested under another parallel loop, or shared by several blocks: try the next one
      }
    }
  }


  /** The kind of iteration variable a loop drives in the block, or null when it drives none or both. */
  static IterKind kind(Schedule s, BlockRef b, LoopRef l) {
    BlockRealize br = realize(s.func(), b.name());
    if (br == null) return null;
    IterKind found = null;
    for (int k = 0; k < br.iterValues().size(); k++) {
      if (!FreeVars.uses(br.iterValues().get(k), l.var())) continue;
      IterKind kind = br.block().iterVars().get(k).kind();
      if (found != null && found != kind) return null;
      found = kind;
    }
    return found;
  }

  private static BlockRealize realize(PrimFunc f, String name) { return IrQuery.block(f.body(), name); }

  private static long constExtent(Schedule s, LoopRef l) {
    Expr e = s.loop(l).extent();
    return e instanceof IntImm k ? k.value() : -1;
  }

  private static boolean divides(Schedule s, LoopRef l, int factor) {
    long n = constExtent(s, l);
    return n > 0 && n % factor == 0;
  }


}

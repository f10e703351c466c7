package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.IrQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mutable schedule state of one PrimFunc. Every primitive is a deterministic function of the
 * current IR and its arguments; it either replaces the IR with the transformed one and appends a
 * {@link TraceStep} to the {@link Trace}, or throws {@link ScheduleException} before changing
 * anything. Handles ({@link LoopRef}, {@link BlockRef}) get trace names {@code l0, l1, ...} and
 * {@code b0, b1, ...} in the order they are handed out, so replaying a trace on the same function
 * hands out the same names. The algorithms live in one class per primitive ({@link Split},
 * {@link Fuse}, {@link Reorder}, {@link Annotate}, {@link Bind}, {@link ComputeInline},
 * {@link ReverseComputeInline}, {@link DecomposeReduction}, {@link CacheRead}, {@link CacheWrite}, {@link ComputeAt},
 * {@link ReverseComputeAt}, {@link RFactor}, {@link Blockize}).
 */
public final class Schedule {
  private PrimFunc func;
  private final List<TraceStep> steps = new ArrayList<>();
  private int nextLoop;
  private int nextBlock;

  public Schedule(PrimFunc func) { this.func = func; }

  /** The current program. */
  public PrimFunc func() { return func; }

  /** Every primitive applied so far, in order. */
  public Trace trace() { return new Trace(steps); }

  /** The block named {@code name}; it must exist and be unique. */
  public BlockRef getBlock(String name) {
    List<BlockRealize> found = IrQuery.blocks(func.body()).stream().filter(b -> b.block().name().equals(name)).toList();
    if (found.isEmpty()) throw new ScheduleException("no block named `" + name + "`");
    if (found.size() > 1) throw new ScheduleException("block name `" + name + "` is ambiguous: " + found.size() + " blocks have it");
    BlockRef b = new BlockRef("b" + nextBlock++, name);
    record("get_block", List.of(), List.of(name), List.of(b.handle()));
    return b;
  }

  /**
   * Every block in program order, except the root block at the top of the body (a realize without
   * iteration variables that only allocates).
   */
  public List<BlockRef> getBlocks() {
    List<BlockRef> out = new ArrayList<>();
    for (BlockRealize br : IrQuery.blocks(func.body())) {
      if (br == func.body() && br.block().iterVars().isEmpty()) continue;
      out.add(new BlockRef("b" + nextBlock++, br.block().name()));
    }
    record("get_blocks", List.of(), List.of(), out.stream().map(BlockRef::handle).toList());
    return out;
  }

  /** The loops around {@code block}, outer first, up to the nearest enclosing block. */
  public List<LoopRef> getLoops(BlockRef block) {
    List<Stmt> path = IrQuery.pathTo(func.body(), s -> s instanceof BlockRealize br && br.block().name().equals(block.name()));
    if (path.isEmpty()) throw new ScheduleException("no block named " + block);
    int start = 0;
    for (int i = 0; i < path.size() - 1; i++) if (path.get(i) instanceof BlockRealize) start = i + 1;
    List<LoopRef> out = new ArrayList<>();
    for (int i = start; i < path.size() - 1; i++)
      if (path.get(i) instanceof For f) out.add(newLoop(f.var()));
    record("get_loops", List.of(block.handle()), List.of(), out.stream().map(LoopRef::handle).toList());
    return out;
  }

  /** {@link #split(LoopRef, List, int...)} with the new loops named {@code v_0, v_1, ...}. */
  public List<LoopRef> split(LoopRef loop, int... factors) { return split(loop, null, factors); }

  /**
   * Splits {@code loop} into {@code factors.length} nested loops (outer first) named {@code names}
   * (or {@code v_0, v_1, ...} when null). One factor may be -1 (inferred); a tail that does not
   * divide evenly is guarded by the block predicate. See {@link Split}.
   */
  public List<LoopRef> split(LoopRef loop, List<String> names, int... factors) {
    Split.Result r = Split.apply(func, loop, factors, names);
    func = r.func();
    List<LoopRef> out = r.loops().stream().map(this::newLoop).toList();
    List<Object> attrs = new ArrayList<>();
    for (int f : factors) attrs.add(f);
    if (names != null) attrs.addAll(names);
    record("split", List.of(loop.handle()), attrs, out.stream().map(LoopRef::handle).toList());
    return out;
  }

  /** Fuses consecutive perfectly nested loops (outer first) into one named {@code a_b_fused}. */
  public LoopRef fuse(LoopRef... loops) { return fuse(null, loops); }

  /** Fuses consecutive perfectly nested loops (outer first) into one named {@code name}. See {@link Fuse}. */
  public LoopRef fuse(String name, LoopRef... loops) {
    Fuse.Result r = Fuse.apply(func, Arrays.asList(loops), name);
    func = r.func();
    LoopRef out = newLoop(r.loop());
    record("fuse", handles(loops), name == null ? List.of() : List.of(name), List.of(out.handle()));
    return out;
  }

  /** Puts loops of one perfectly nested chain into the given order (outer first). See {@link Reorder}. */
  public void reorder(LoopRef... loops) {
    func = Reorder.apply(func, Arrays.asList(loops));
    record("reorder", handles(loops), List.of(), List.of());
  }

  /** Marks a loop parallel. See {@link Annotate} for the preconditions. */
  public void parallel(LoopRef loop) { annotate("parallel", loop, ForKind.PARALLEL); }

  /** Marks an innermost loop vectorized. See {@link Annotate}. */
  public void vectorize(LoopRef loop) { annotate("vectorize", loop, ForKind.VECTORIZED); }

  /** Marks a loop unrolled. See {@link Annotate}. */
  public void unroll(LoopRef loop) { annotate("unroll", loop, ForKind.UNROLLED); }

  /** Binds a loop to a GPU thread axis such as {@code threadIdx.x}. See {@link Bind}. */
  public void bind(LoopRef loop, String threadTag) {
    func = Bind.apply(func, loop, threadTag);
    record("bind", List.of(loop.handle()), List.of(threadTag), List.of());
  }

  /** Inlines a spatial producer block into the blocks that read its buffer. See {@link ComputeInline}. */
  public void computeInline(BlockRef block) {
    func = ComputeInline.apply(func, block);
    record("compute_inline", List.of(block.handle()), List.of(), List.of());
  }

  /** Inlines an elementwise consumer block into its single producer. See {@link ReverseComputeInline}. */
  public void reverseComputeInline(BlockRef block) {
    func = ReverseComputeInline.apply(func, block);
    record("reverse_compute_inline", List.of(block.handle()), List.of(), List.of());
  }

  /**
   * Moves the init of reduction block {@code block} into a new block {@code <name>_init} placed
   * before {@code loop}; returns the new block. See {@link DecomposeReduction}.
   */
  public BlockRef decomposeReduction(BlockRef block, LoopRef loop) {
    DecomposeReduction.Result r = DecomposeReduction.apply(func, block, loop);
    func = r.func();
    BlockRef out = new BlockRef("b" + nextBlock++, r.initName());
    record("decompose_reduction", List.of(block.handle(), loop.handle()), List.of(), List.of(out.handle()));
    return out;
  }

  /**
   * Stages {@code bufferName} through a new LOCAL buffer for {@code block} (every reader when
   * null); returns the copy block. See {@link CacheRead}.
   */
  public BlockRef cacheRead(BlockRef block, String bufferName) {
    CacheRead.Result r = CacheRead.apply(func, block, bufferName);
    func = r.func();
    BlockRef out = new BlockRef("b" + nextBlock++, r.block());
    record("cache_read", block == null ? List.of() : List.of(block.handle()), List.of(bufferName), List.of(out.handle()));
    return out;
  }

  /** Makes {@code block} compute into a new LOCAL buffer copied back after it; returns the copy block. See {@link CacheWrite}. */
  public BlockRef cacheWrite(BlockRef block) {
    CacheRead.Result r = CacheWrite.apply(func, block);
    func = r.func();
    BlockRef out = new BlockRef("b" + nextBlock++, r.block());
    record("cache_write", List.of(block.handle()), List.of(), List.of(out.handle()));
    return out;
  }

  /** Moves producer {@code block} under {@code loop} of its consumers, computing only the region they need. See {@link ComputeAt}. */
  public void computeAt(BlockRef block, LoopRef loop) {
    func = ComputeAt.apply(func, block, loop);
    record("compute_at", List.of(block.handle(), loop.handle()), List.of(), List.of());
  }

  /**
   * Replaces the loop nest headed by {@code loop} with one call of the tensor intrinsic
   * {@code intrinsic} (a name in {@code dev.kiln.ir.tensorize.TensorIntrinsics}). See {@link Tensorize}.
   */
  public void tensorize(LoopRef loop, String intrinsic) {
    func = Tensorize.apply(func, loop, intrinsic);
    record("tensorize", List.of(loop.handle()), List.of(intrinsic), List.of());
  }

  /**
   * Moves consumer {@code block} to the end of {@code loop}'s body, computing at each iteration the
   * part that reads what its producer under {@code loop} wrote there. See {@link ReverseComputeAt}.
   */
  public void reverseComputeAt(BlockRef block, LoopRef loop) {
    func = ReverseComputeAt.apply(func, block, loop);
    record("reverse_compute_at", List.of(block.handle(), loop.handle()), List.of(), List.of());
  }

  /**
   * Factors the sum reduction under {@code loop}: a new block {@code <name>_rf} accumulates one
   * partial sum per iteration of {@code loop} into a new buffer, and the original block (same name)
   * adds them up. Returns the rf block. See {@link RFactor}.
   */
  public BlockRef rfactor(LoopRef loop) {
    RFactor.Result r = RFactor.apply(func, loop);
    func = r.func();
    BlockRef out = new BlockRef("b" + nextBlock++, r.rfName());
    record("rfactor", List.of(loop.handle()), List.of(), List.of(out.handle()));
    return out;
  }

  /**
   * Wraps the perfect loop nest from {@code loop} down to its one block {@code B} into a new outer
   * block {@code B_o}, whose iteration variables are the parts of B's bindings over the loops
   * outside {@code loop}. Returns the new block. See {@link Blockize}.
   */
  public BlockRef blockize(LoopRef loop) {
    Blockize.Result r = Blockize.apply(func, loop);
    func = r.func();
    BlockRef out = new BlockRef("b" + nextBlock++, r.blockName());
    record("blockize", List.of(loop.handle()), List.of(), List.of(out.handle()));
    return out;
  }

  /** The loop of {@code loop}, or a {@link ScheduleException} when the handle is stale. */
  public For loop(LoopRef loop) { return LoopNest.loop(func, loop); }

  private void annotate(String primitive, LoopRef loop, ForKind kind) {
    func = Annotate.apply(func, loop, kind);
    record(primitive, List.of(loop.handle()), List.of(), List.of());
  }

  private LoopRef newLoop(Var v) { return new LoopRef("l" + nextLoop++, v); }

  private static List<String> handles(LoopRef[] loops) { return Arrays.stream(loops).map(LoopRef::handle).toList(); }

  private void record(String primitive, List<String> inputs, List<Object> attrs, List<String> outputs) {
    steps.add(new TraceStep(primitive, inputs, attrs, outputs));
  }
}

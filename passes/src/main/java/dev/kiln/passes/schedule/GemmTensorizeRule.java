package dev.kiln.passes.schedule;

import dev.kiln.ir.DType;
import dev.kiln.ir.schedule.BlockRef;
import dev.kiln.ir.schedule.LoopRef;
import dev.kiln.ir.schedule.Schedule;
import dev.kiln.ir.schedule.ScheduleException;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.List;

/**
 * The default schedule's first rule: a GEMM- or convolution-like reduction block
 * {@code C[..] = C[..] + X[..] * Y[..]} (f32) becomes a call of the {@code jvm.gemm_f32} intrinsic
 * inside the loops it does not cover.
 *
 * <p>Algorithm: each loop of the block is classified by which of C, X and Y its variable indexes
 * (through the block's bindings). Loops indexing C and one operand are row or column candidates,
 * loops indexing both operands but not C reduction candidates. The column loop {@code j} is the
 * candidate that indexes C's last (contiguous) dimension; the row loop {@code i} the innermost
 * candidate of the other operand; the reduction loop {@code p} the candidate with the largest
 * extent (a symbolic one counting as {@value #SYMBOLIC_EXTENT}). Every other loop moves outside —
 * spatial ones first, then reductions — the nest is reordered to {@code <others>, i, j, p} and
 * tensorized at {@code i}; the leading spatial loops are fused and run in parallel when the block
 * does at least {@link DefaultSchedule#PARALLEL_WORK} iterations. A matmul becomes one call (the
 * runtime parallelizes a large call itself), a batched matmul a call per batch, a convolution
 * {@code (n, y, ky, kx)} calls of an {@code F × W_out × C} product. Anything the Schedule API
 * refuses leaves the function as it was.
 */
final class GemmTensorizeRule {
  static final String INTRINSIC = "jvm.gemm_f32";
  static final long SYMBOLIC_EXTENT = 64;

  private GemmTensorizeRule() {}

  /** The tensorized schedule of {@code f}'s block {@code name}, or null when the rule does not apply. */
  static Schedule apply(PrimFunc f, String name) {
    Schedule s = new Schedule(f);
    BlockRef b;
    List<LoopRef> loops;
    try {
      b = s.getBlock(name);
      loops = s.getLoops(b);
    } catch (ScheduleException e) {
      return null;
    }
    BlockRealize br = IrQuery.block(f.body(), name);
    if (br == null || !br.block().hasReduction() || br.block().init() == null) return null;
    Operands ops = operands(br);
    if (ops == null || loops.size() < 3) return null;
    LoopRef i = null, j = null, p = null;
    List<LoopRef> rowsX = new ArrayList<>(), rowsY = new ArrayList<>(), reds = new ArrayList<>();
    for (LoopRef l : loops) {
      boolean c = uses(ops.c, l.var()), x = uses(ops.x, l.var()), y = uses(ops.y, l.var());
      if (c && x && !y) rowsX.add(l);
      else if (c && y && !x) rowsY.add(l);
      else if (!c && x && y) reds.add(l);
    }
    Expr lastC = ops.c.get(ops.c.size() - 1);
    LoopRef colY = rowsY.stream().filter(l -> FreeVars.uses(lastC, l.var())).findFirst().orElse(null);
    LoopRef colX = rowsX.stream().filter(l -> FreeVars.uses(lastC, l.var())).findFirst().orElse(null);
    if (colY != null && !rowsX.isEmpty()) {
      j = colY;
      i = rowsX.get(rowsX.size() - 1);
    } else if (colX != null && !rowsY.isEmpty()) {
      j = colX;
      i = rowsY.get(rowsY.size() - 1);
    }
    long best = -1;
    for (LoopRef r : reds) {
      long e = extent(s, r);
      if (e > best) {
        best = e;
        p = r;
      }
    }
    if (i == null || j == null || p == null) return null;
    List<LoopRef> spatialOthers = new ArrayList<>(), reduceOthers = new ArrayList<>();
    for (LoopRef l : loops) {
      if (l == i || l == j || l == p) continue;
      if (DefaultSchedule.kind(s, b, l) == IterKind.SPATIAL) spatialOthers.add(l);
      else reduceOthers.add(l);
    }
    long work = 1;
    for (LoopRef l : loops) work = Math.min(Long.MAX_VALUE / 1024, work * extent(s, l));
    List<LoopRef> order = new ArrayList<>(spatialOthers);
    order.addAll(reduceOthers);
    order.add(i);
    order.add(j);
    order.add(p);
    try {
      if (!order.equals(loops)) s.reorder(order.toArray(LoopRef[]::new));
      s.tensorize(i, INTRINSIC);
    } catch (ScheduleException e) {
      return null;
    }
    if (!spatialOthers.isEmpty() && work >= DefaultSchedule.PARALLEL_WORK) {
      try {
        LoopRef outer = spatialOthers.size() == 1 ? spatialOthers.get(0) : s.fuse(spatialOthers.toArray(LoopRef[]::new));
        if (s.loop(outer).kind() == ForKind.SERIAL) s.parallel(outer);
      } catch (ScheduleException e) {
        // the calls stay serial; each may still run in parallel inside the runtime
      }
    }
    return s;
  }

  /** The indices of C, X and Y in {@code C = C + X * Y} (in terms of loop variables), or null. */
  private record Operands(List<Expr> c, List<Expr> x, List<Expr> y) {}

  private static Operands operands(BlockRealize br) {
    if (!(Substitute.stmt(br.block().body(), IrQuery.bindings(br)) instanceof Store st) || st.buffer().dtype() != DType.F32) return null;
    if (!(st.value() instanceof Binary add) || add.op() != BinOp.ADD) return null;
    Binary mul = null;
    if (isLoadOf(add.a(), st.buffer()) && add.b() instanceof Binary m) mul = m;
    else if (isLoadOf(add.b(), st.buffer()) && add.a() instanceof Binary m) mul = m;
    if (mul == null || mul.op() != BinOp.MUL || !(mul.a() instanceof Load x) || !(mul.b() instanceof Load y)) return null;
    if (x.buffer() == y.buffer() || x.buffer() == st.buffer() || y.buffer() == st.buffer()) return null;
    return new Operands(st.indices(), x.indices(), y.indices());
  }

  private static boolean isLoadOf(Expr e, Buffer b) { return e instanceof Load l && l.buffer() == b; }

  private static boolean uses(List<Expr> idx, Var v) {
    for (Expr e : idx) if (FreeVars.uses(e, v)) return true;
    return false;
  }

  private static long extent(Schedule s, LoopRef l) {
    Expr e = s.loop(l).extent();
    return e instanceof IntImm k ? k.value() : SYMBOLIC_EXTENT;
  }

}

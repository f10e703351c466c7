package dev.kiln.frontend.model;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The gather kernels behind {@code xs[t]} with a run-time index ({@code Y[..] = X[.., I[], ..]}) and
 * behind {@code embedding} ({@code Y[.., j.., ..] = X[.., I[j..], ..]}).
 * It is built directly in the loop-nest IR rather than in Kiln because its read depends on data,
 * which no compile-time bounds proof can cover; the graph places a {@code CheckIndexNode} before
 * every call, so the read is checked at run time instead.
 */
final class TakeKernel {
  private TakeKernel() {}

  /** {@code xs[t]}: a 0-d index, the axis disappears. */
  static PrimFunc build(DType t, int rank, int axis, DType indexType) {
    return gather(t, rank, axis, indexType, 0);
  }

  /**
   * A gather along {@code axis} with an index tensor of rank {@code indexRank}: the result's shape
   * is X's dims before the axis, the index's dims, then X's dims after the axis.
   */
  static PrimFunc gather(DType t, int rank, int axis, DType indexType, int indexRank) {
    List<Var> sizes = new ArrayList<>();
    List<Expr> xShape = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      Var v = Var.index("D" + d);
      sizes.add(v);
      xShape.add(v);
    }
    List<Expr> iShape = new ArrayList<>();
    for (int d = 0; d < indexRank; d++) {
      Var v = Var.index("E" + d);
      sizes.add(v);
      iShape.add(v);
    }
    List<Expr> yShape = new ArrayList<>(xShape.subList(0, axis));
    yShape.addAll(iShape);
    yShape.addAll(xShape.subList(axis + 1, rank));
    Buffer x = new Buffer("X", t, xShape);
    Buffer index = new Buffer("I", indexType, iShape);
    Buffer y = new Buffer("Y", t, yShape);
    List<Var> loops = new ArrayList<>();
    List<IterVar> iters = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    for (int j = 0; j < yShape.size(); j++) {
      Var loop = Var.index("i" + j);
      Var iv = Var.index("vi" + j);
      loops.add(loop);
      values.add(loop);
      iters.add(new IterVar(iv, new Range(Expr.i32(0), yShape.get(j)), IterKind.SPATIAL));
    }
    List<Expr> yIdx = new ArrayList<>();
    for (IterVar iv : iters) yIdx.add(iv.var());
    Expr i = new Load(index, yIdx.subList(axis, axis + indexRank));
    if (indexType != DType.I32) i = new Cast(DType.I32, i);
    List<Expr> xIdx = new ArrayList<>(yIdx.subList(0, axis));
    xIdx.add(i);
    xIdx.addAll(yIdx.subList(axis + indexRank, yIdx.size()));
    Stmt store = new Store(y, yIdx, new Load(x, xIdx));
    Block block = new Block("Y", iters, List.of(full(x), full(index)), List.of(full(y)), null, store, List.of());
    Stmt body = new BlockRealize(values, BlockRealize.TRUE, block);
    for (int j = loops.size() - 1; j >= 0; j--) body = For.serial(loops.get(j), Expr.i32(0), yShape.get(j), body);
    Block root = new Block("root", List.of(), List.of(), List.of(), null, body, List.of());
    String name = indexRank == 0 ? "take" : "gather";
    return new PrimFunc(name, List.of(x, index), List.of(y), sizes, new BlockRealize(List.of(), BlockRealize.TRUE, root));
  }

  private static BufferRegion full(Buffer b) {
    List<Range> r = new ArrayList<>();
    for (Expr e : b.shape()) r.add(new Range(Expr.i32(0), e));
    return new BufferRegion(b, r);
  }
}

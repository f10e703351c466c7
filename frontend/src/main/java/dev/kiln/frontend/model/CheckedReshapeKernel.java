package dev.kiln.frontend.model;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
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
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel behind a reshape whose target names model dimensions that the source's shape does
 * not show (or whose element count the compiler cannot prove equal): {@code Y[i..] = X[flat(i..)]}
 * where {@code X} is the source viewed flat and {@code Y} has the target shape. The target's dims
 * come from {@link DimCarriers} (the carriers are the first arguments, so they bind the sizes), and
 * {@code X}'s one dimension is declared as the product of the target's dims: the runtime's shape
 * check of the call (an argument must match its declared shape) is then exactly the check that
 * the element counts agree, reported at the reshape's line. Built in the loop-nest IR because the
 * flat index is a product of index and size variables, which the op bounds prover does not cover;
 * the shape check makes every read in bounds.
 */
final class CheckedReshapeKernel {
  private CheckedReshapeKernel() {}

  static PrimFunc build(DType t, DimCarriers carriers, List<Expr> target) {
    List<Expr> yShape = new ArrayList<>();
    for (Expr d : target) yShape.add(carriers.translate(d));
    Expr count = Builtins.product(yShape);
    Buffer x = new Buffer("X", t, List.of(count));
    Buffer y = new Buffer("Y", t, yShape);
    List<Var> loops = new ArrayList<>();
    List<IterVar> iters = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    Expr flat = Expr.i32(0);
    for (int j = 0; j < yShape.size(); j++) {
      Var loop = Var.index("i" + j);
      Var iv = Var.index("vi" + j);
      loops.add(loop);
      values.add(loop);
      iters.add(new IterVar(iv, new Range(Expr.i32(0), yShape.get(j)), IterKind.SPATIAL));
      flat = new Binary(BinOp.ADD, new Binary(BinOp.MUL, flat, yShape.get(j)), iv);
    }
    List<Expr> yIdx = new ArrayList<>();
    for (IterVar iv : iters) yIdx.add(iv.var());
    Stmt store = new Store(y, yIdx, new Load(x, List.of(Simplify.expr(flat))));
    Block block = new Block("Y", iters, List.of(full(x)), List.of(full(y)), null, store, List.of());
    Stmt body = new BlockRealize(values, BlockRealize.TRUE, block);
    for (int j = loops.size() - 1; j >= 0; j--) body = For.serial(loops.get(j), Expr.i32(0), yShape.get(j), body);
    Block root = new Block("root", List.of(), List.of(), List.of(), null, body, List.of());
    List<Buffer> inputs = new ArrayList<>(carriers.buffers());
    inputs.add(x);
    return new PrimFunc("reshape", inputs, List.of(y), carriers.sizeVars,
        new BlockRealize(List.of(), BlockRealize.TRUE, root));
  }

  private static BufferRegion full(Buffer b) {
    List<Range> r = new ArrayList<>();
    for (Expr e : b.shape()) r.add(new Range(Expr.i32(0), e));
    return new BufferRegion(b, r);
  }
}

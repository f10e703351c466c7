package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.MemoryScope;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.StmtRewriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What cache_read and cache_write share: the root block's top-level statements, a fresh cache
 * buffer {@code <name>_local} (LOCAL scope, same dtype and shape), a copy block over the whole
 * buffer ({@code for ax0 .. for axn-1: dst[v] = src[v]}, spatial iter vars {@code v0..}), and
 * the rewrite that redirects a block's accesses of one buffer to another.
 */
final class CacheStage {
  private CacheStage() {}

  /** The root block's body as a list of top-level statements. */
  static List<Stmt> topLevel(PrimFunc f, String what) {
    BlockRealize root = BlockNest.root(f);
    if (root == null) throw new ScheduleException(what + "the function has no root block");
    Stmt body = root.block().body();
    return body instanceof Seq q ? q.stmts() : List.of(body);
  }

  /** The index of the top-level statement that holds {@code br}. */
  static int topIndex(List<Stmt> top, BlockRealize br) {
    for (int i = 0; i < top.size(); i++)
      for (BlockRealize x : IrQuery.blocks(top.get(i))) if (x == br) return i;
    throw new IllegalStateException("block " + br.block().name() + " is not under the root block");
  }

  /** The parameter or root allocation named {@code name}. */
  static Buffer buffer(PrimFunc f, String name, String what) {
    for (Buffer b : f.params()) if (b.name().equals(name)) return b;
    BlockRealize root = BlockNest.root(f);
    if (root != null) for (Buffer b : root.block().allocs()) if (b.name().equals(name)) return b;
    throw new ScheduleException(what + "no tensor named `" + name + "`");
  }

  /** {@code base}, or {@code base_1}, {@code base_2}, ... : the first name no block or buffer has. */
  static String freshName(PrimFunc f, String base) {
    List<String> taken = new ArrayList<>();
    for (BlockRealize br : IrQuery.blocks(f.body())) {
      taken.add(br.block().name());
      for (Buffer b : br.block().allocs()) taken.add(b.name());
    }
    for (Buffer b : f.params()) taken.add(b.name());
    String name = base;
    for (int k = 1; taken.contains(name); k++) name = base + "_" + k;
    return name;
  }

  static Buffer cacheBuffer(Buffer of, String name) { return new Buffer(name, of.dtype(), of.shape(), MemoryScope.LOCAL); }

  /** The nest that copies all of {@code src} to {@code dst} (same shape) in a block named {@code name}. */
  static Stmt copyNest(String name, Buffer src, Buffer dst, boolean withRegions) {
    List<Var> loops = new ArrayList<>();
    List<IterVar> ivs = new ArrayList<>();
    List<Expr> at = new ArrayList<>();
    List<Range> point = new ArrayList<>();
    for (int d = 0; d < src.rank(); d++) {
      loops.add(Var.index("ax" + d));
      Var v = Var.index("v" + d);
      ivs.add(new IterVar(v, new Range(Expr.i32(0), src.shape().get(d)), IterKind.SPATIAL));
      at.add(v);
      point.add(new Range(v, Expr.i32(1)));
    }
    Block copy = new Block(name, ivs,
        withRegions ? List.of(new BufferRegion(src, point)) : List.of(),
        withRegions ? List.of(new BufferRegion(dst, point)) : List.of(),
        null, new Store(dst, at, new Load(src, at)), List.of());
    Stmt s = new BlockRealize(new ArrayList<>(loops), BlockRealize.TRUE, copy);
    for (int d = src.rank() - 1; d >= 0; d--) s = For.serial(loops.get(d), Expr.i32(0), src.shape().get(d), s);
    return s;
  }

  /** {@code br} with every load (and, when {@code stores}, every store) of {@code from} redirected to {@code to}. */
  static BlockRealize redirect(BlockRealize br, Buffer from, Buffer to, boolean stores) {
    StmtRewriter r = new StmtRewriter() {
      @Override protected Expr rewriteLoad(Load l) {
        Load n = (Load) super.rewriteLoad(l);
        return n.buffer() == from ? new Load(to, n.indices()) : n;
      }

      @Override protected Stmt rewriteStore(Store s) {
        Store n = (Store) super.rewriteStore(s);
        return stores && n.buffer() == from ? new Store(to, n.indices(), n.value()) : n;
      }
    };
    Block b = br.block();
    Stmt init = b.init() == null ? null : r.rewrite(b.init());
    Block nb = new Block(b.name(), b.iterVars(), b.reads(), b.writes(), init, r.rewrite(b.body()), b.allocs());
    return br.withBlock(Regions.recompute(nb));
  }

  /** {@code f} with the root body's top-level statements {@code top} and {@code extra} allocated by the root. */
  static PrimFunc withTopLevel(PrimFunc f, List<Stmt> top, Buffer extra) {
    BlockRealize root = BlockNest.root(f);
    Block rb = root.block();
    List<Buffer> allocs = new ArrayList<>(rb.allocs());
    allocs.add(extra);
    return f.withBody(root.withBlock(new Block(rb.name(), rb.iterVars(), rb.reads(), rb.writes(), rb.init(), Seq.of(top), allocs)));
  }
}

package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.IrVisitor;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.StmtRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shared helpers of the block primitives (compute_inline, reverse_compute_inline,
 * decompose_reduction): finding a block, its own loads and stores (those not inside a nested
 * block), the loops that belong to it alone, removing them, and the root block's allocations.
 */
final class BlockNest {
  private BlockNest() {}

  /** The path from the function body to the realize of {@code ref}; the realize is last. */
  static List<Stmt> pathTo(PrimFunc f, BlockRef ref) {
    List<Stmt> path = IrQuery.pathTo(f.body(), s -> s instanceof BlockRealize br && br.block().name().equals(ref.name()));
    if (path.isEmpty()) throw new ScheduleException("block " + ref + " (" + ref.handle() + ") no longer exists: an earlier primitive removed it");
    return path;
  }

  static BlockRealize realize(PrimFunc f, BlockRef ref) {
    List<Stmt> p = pathTo(f, ref);
    return (BlockRealize) p.get(p.size() - 1);
  }

  /** The root block realize (the function body, without iteration variables), or null. */
  static BlockRealize root(PrimFunc f) {
    return f.body() instanceof BlockRealize br && br.block().iterVars().isEmpty() ? br : null;
  }

  /** Whether {@code b} is allocated by the root block (an intermediate, not a parameter). */
  static boolean isIntermediate(PrimFunc f, Buffer b) {
    BlockRealize root = root(f);
    return root != null && root.block().allocs().contains(b);
  }

  /** {@code f} with {@code b} removed from the root block's allocations. */
  static PrimFunc dropAlloc(PrimFunc f, Buffer b) {
    BlockRealize root = root(f);
    List<Buffer> allocs = new ArrayList<>(root.block().allocs());
    allocs.removeIf(x -> x == b);
    Block rb = root.block();
    return f.withBody(root.withBlock(new Block(rb.name(), rb.iterVars(), rb.reads(), rb.writes(), rb.init(), rb.body(), allocs)));
  }

  /**
   * The innermost block realize other than the root among the statements of {@code path} before
   * its last one (the block that encloses the last statement), or null when only the root does.
   */
  static BlockRealize enclosingBlock(PrimFunc f, List<Stmt> path) {
    BlockRealize found = null;
    for (int i = 0; i < path.size() - 1; i++) if (path.get(i) instanceof BlockRealize br && br != root(f)) found = br;
    return found;
  }

  /** Every block realize of the function except the root, in program order. */
  static List<BlockRealize> blocks(PrimFunc f) {
    List<BlockRealize> out = new ArrayList<>(IrQuery.blocks(f.body()));
    out.removeIf(br -> br == root(f));
    return out;
  }

  /** The loads a block performs itself (in its init and body, not inside a nested block), in order. */
  static List<Load> loads(Block b) {
    List<Load> out = new ArrayList<>();
    IrVisitor v = new IrVisitor() {
      @Override protected boolean visitStmt(Stmt s) { return !(s instanceof BlockRealize); }
      @Override protected boolean visitExpr(Expr e) {
        if (e instanceof Load l) out.add(l);
        return true;
      }
    };
    if (b.init() != null) walkOwn(b.init(), v);
    walkOwn(b.body(), v);
    return out;
  }

  /** The stores a block performs itself (init and body, not inside a nested block), in order. */
  static List<Store> stores(Block b) {
    List<Store> out = new ArrayList<>();
    IrVisitor v = new IrVisitor() {
      @Override protected boolean visitStmt(Stmt s) {
        if (s instanceof Store st) out.add(st);
        return !(s instanceof BlockRealize);
      }
    };
    if (b.init() != null) walkOwn(b.init(), v);
    walkOwn(b.body(), v);
    return out;
  }

  private static void walkOwn(Stmt s, IrVisitor v) {
    if (s instanceof BlockRealize) return;
    v.walk(s);
  }

  static boolean reads(Block b, Buffer buf) { return loads(b).stream().anyMatch(l -> l.buffer() == buf); }

  static boolean writes(Block b, Buffer buf) { return stores(b).stream().anyMatch(s -> s.buffer() == buf); }

  /**
   * The statement that holds {@code path}'s block and nothing else: the block realize, or the
   * outermost of the loops above it each of whose body is exactly the next statement.
   */
  static Stmt exclusiveNest(List<Stmt> path) {
    int i = path.size() - 1;
    while (i > 0 && path.get(i - 1) instanceof For f && f.body() == path.get(i)) i--;
    return path.get(i);
  }

  /** {@code root} with {@code target} (by identity) removed from the sequence that holds it. */
  static Stmt remove(Stmt root, Stmt target, String what) {
    boolean[] done = {false};
    Stmt out = new StmtRewriter() {
      @Override protected Stmt rewriteSeq(Seq q) {
        if (q.stmts().stream().anyMatch(s -> s == target)) {
          done[0] = true;
          return Seq.of(q.stmts().stream().filter(s -> s != target).toList());
        }
        return super.rewriteSeq(q);
      }
    }.rewrite(root);
    if (!done[0]) throw new ScheduleException(what + "its loops are not one statement of a sequence that can be removed");
    return out;
  }

  /**
   * Checks that {@code st} writes the point of {@code b}'s iteration variables: every index is a
   * distinct iteration variable, every iteration variable is used, and each domain is
   * {@code [0, shape)} of its dimension. Returns the iteration variable of each dimension.
   */
  static List<Var> plainIndices(Block b, List<Expr> indices, Buffer buf, String what, String access) {
    List<Var> out = new ArrayList<>();
    for (Expr e : indices) {
      IterVar iv = e instanceof Var v ? b.iterVars().stream().filter(x -> x.var() == v).findFirst().orElse(null) : null;
      if (iv == null || out.contains(iv.var()))
        throw new ScheduleException(what + "its " + access + " of `" + buf.name() + "` is not indexed by distinct plain iteration variables");
      out.add(iv.var());
    }
    if (out.size() != b.iterVars().size())
      throw new ScheduleException(what + "it has " + b.iterVars().size() + " iteration variables but its " + access
          + " of `" + buf.name() + "` uses " + out.size());
    for (int d = 0; d < out.size(); d++) {
      Var v = out.get(d);
      IterVar iv = b.iterVars().stream().filter(x -> x.var() == v).findFirst().orElseThrow();
      if (!Simplify.isConst(iv.dom().min(), 0)
          || !Simplify.isConst(new Binary(BinOp.SUB, iv.dom().extent(), buf.shape().get(d)), 0))
        throw new ScheduleException(what + "iteration variable `" + v.name() + "` does not cover dimension " + d + " of `" + buf.name() + "`");
    }
    return out;
  }

  /** Fresh copies of a block's spatial iteration variables: their values, and old variable → new. */
  record SpatialIterVars(List<IterVar> ivs, List<Expr> values, Map<Var, Expr> ivMap) {}

  /**
   * Copies {@code br}'s spatial iteration variables with fresh variables (same domains), bound to
   * their values with {@code valueMap} substituted (loops renamed by the caller's copy), for a new
   * block that covers the same spatial points.
   */
  static SpatialIterVars spatialIterVars(BlockRealize br, Map<Var, ? extends Expr> valueMap) {
    List<IterVar> ivs = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    Map<Var, Expr> ivMap = new java.util.IdentityHashMap<>();
    List<IterVar> old = br.block().iterVars();
    for (int i = 0; i < old.size(); i++) {
      IterVar iv = old.get(i);
      if (iv.kind() != IterKind.SPATIAL) continue;
      Var nv = iv.var().copy();
      ivMap.put(iv.var(), nv);
      ivs.add(new IterVar(nv, iv.dom(), IterKind.SPATIAL));
      values.add(dev.kiln.ir.tir.util.Substitute.expr(br.iterValues().get(i), valueMap));
    }
    return new SpatialIterVars(ivs, values, ivMap);
  }

  /** Throws unless the block is spatial-only, has no init, runs unguarded, and its body is one store. */
  static Store singleStore(BlockRealize br, String what) {
    Block b = br.block();
    if (b.init() != null || b.iterVars().stream().anyMatch(iv -> iv.kind() != IterKind.SPATIAL))
      throw new ScheduleException(what + "it is a reduction block");
    if (!(b.body() instanceof Store st)) throw new ScheduleException(what + "its body is not a single store");
    if (!(br.predicate() instanceof IntImm t && t.value() == 1))
      throw new ScheduleException(what + "it runs under a predicate (a split tail guard); inline before splitting");
    if (!b.allocs().isEmpty()) throw new ScheduleException(what + "it allocates buffers");
    return st;
  }
}

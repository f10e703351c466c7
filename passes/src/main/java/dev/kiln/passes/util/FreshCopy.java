package dev.kiln.passes.util;

import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.StmtRewriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies loop-nest IR so that the copy shares no binder with the original, substituting variables
 * and buffers on the way. Two kernels can then be placed in one function without binding a
 * variable or declaring a buffer twice (even when they are the same kernel).
 *
 * <p>Algorithm: a {@link StmtRewriter} with two identity maps, variable → expression and buffer →
 * buffer, which the caller seeds ({@link #mapVar}, {@link #mapBuffer}, {@link #freshVar},
 * {@link #freshBuffer}). Every binder met while copying (loop variable, let variable, block
 * iteration variable, block allocation) gets a fresh object, entered in the map before the binder's
 * scope is copied; every use (variable, load, store, read/write region) is looked up and replaced.
 * Objects in neither map are free in the copied code and kept as they are. Buffer shapes and block
 * domains are copied through the maps too, so substituting a size variable by an expression changes
 * every shape and bound that mentions it. A replacement expression is inserted as it is, not
 * rewritten again. One instance copies one scope: use a new one for each independent copy.
 *
 * <p>When given a {@link UniqueNames}, shared by the copies that end up in one kernel, fresh
 * buffers and copied blocks get names not used before in it: a buffer keeps its name when free and
 * gets {@code _1}, {@code _2}, ... otherwise; a block named after the one buffer it writes (its
 * write region, or else its stores), renamed by this copy, is named after the new name (blocks are named after the tensor they write), then made
 * unique among blocks the same way.
 */
public final class FreshCopy extends StmtRewriter {
  private final Map<Var, Expr> vars = new IdentityHashMap<>();
  private final Map<Buffer, Buffer> buffers = new IdentityHashMap<>();
  private final UniqueNames names;

  /** A copy that keeps every name. */
  public FreshCopy() { this(null); }

  /** A copy that draws buffer and block names from {@code names} (null: keeps every name). */
  public FreshCopy(UniqueNames names) { this.names = names; }

  /** Uses of {@code from} become {@code to} (of the same dtype). */
  public void mapVar(Var from, Expr to) {
    if (from.dtype() != to.dtype())
      throw new IllegalArgumentException("substituting " + to.dtype() + " for " + from + " of " + from.dtype());
    vars.put(from, to);
  }

  /** Whether uses of {@code v} are replaced. */
  public boolean isMapped(Var v) { return vars.containsKey(v); }

  /** Uses of {@code from} (loads, stores, regions) become {@code to}. */
  public void mapBuffer(Buffer from, Buffer to) { buffers.put(from, to); }

  /** A fresh variable with {@code v}'s name hint and dtype that replaces {@code v} from now on. */
  public Var freshVar(Var v) {
    Var n = v.copy();
    vars.put(v, n);
    return n;
  }

  /** A fresh buffer like {@code b} (shape copied through the maps) that replaces {@code b} from now on. */
  public Buffer freshBuffer(Buffer b) {
    String name = names == null ? b.name() : names.buffer(b.name());
    Buffer n = new Buffer(name, b.dtype(), copyAll(b.shape()), b.scope());
    buffers.put(b, n);
    return n;
  }

  /** {@code b}'s replacement, or {@code b} itself when it has none. */
  public Buffer buffer(Buffer b) { return buffers.getOrDefault(b, b); }

  public Stmt copy(Stmt s) { return rewrite(s); }

  public Expr copy(Expr e) { return rewrite(e); }

  /** Every expression copied, in a new list. */
  public List<Expr> copyAll(List<Expr> es) { return List.copyOf(rewriteAll(es)); }

  @Override protected Expr rewriteVar(Var v) { return vars.getOrDefault(v, v); }

  @Override protected Expr rewriteLoad(Load l) { return new Load(buffer(l.buffer()), rewriteAll(l.indices())); }

  @Override protected Stmt rewriteStore(Store s) {
    return new Store(buffer(s.buffer()), rewriteAll(s.indices()), rewrite(s.value()));
  }

  @Override protected Stmt rewriteIntrinsicCall(IntrinsicCall c) {
    return new IntrinsicCall(c.intrinsic(), c.buffers().stream().map(this::buffer).toList(), rewriteAll(c.args()));
  }

  @Override protected Stmt rewriteFor(For f) {
    Expr min = rewrite(f.min());
    Expr extent = rewrite(f.extent());
    Var v = freshVar(f.var());
    return new For(v, min, extent, f.kind(), f.threadTag(), rewrite(f.body()));
  }

  @Override protected Stmt rewriteLet(LetStmt l) {
    Expr value = rewrite(l.value());
    Var v = freshVar(l.var());
    return new LetStmt(v, value, rewrite(l.body()));
  }

  @Override protected Stmt rewriteBlockRealize(BlockRealize br) {
    List<Expr> values = rewriteAll(br.iterValues());
    Expr predicate = rewrite(br.predicate());
    Block b = br.block();
    List<IterVar> ivs = new ArrayList<>();
    for (IterVar iv : b.iterVars()) {
      Range dom = new Range(rewrite(iv.dom().min()), rewrite(iv.dom().extent()));
      ivs.add(new IterVar(freshVar(iv.var()), dom, iv.kind()));
    }
    List<Buffer> allocs = new ArrayList<>();
    for (Buffer a : b.allocs()) allocs.add(freshBuffer(a));
    List<BufferRegion> reads = regions(b.reads());
    List<BufferRegion> writes = regions(b.writes());
    Stmt init = b.init() == null ? null : rewrite(b.init());
    Stmt body = rewrite(b.body());
    return new BlockRealize(values, predicate, new Block(blockName(b), ivs, reads, writes, init, body, allocs));
  }

  private String blockName(Block b) {
    if (names == null) return b.name();
    String hint = b.name();
    Buffer w = written(b);
    if (w != null && w.name().equals(b.name()) && buffers.containsKey(w)) hint = buffers.get(w).name();
    return names.block(hint);
  }

  /** The one buffer a block writes (its write regions, or else its own stores), or null. */
  private static Buffer written(Block b) {
    if (!b.writes().isEmpty()) return b.writes().size() == 1 ? b.writes().get(0).buffer() : null;
    List<Buffer> stored = new ArrayList<>();
    stores(b.body(), stored);
    return stored.size() == 1 ? stored.get(0) : null;
  }

  private static void stores(Stmt s, List<Buffer> out) {
    switch (s) {
      case Store st -> { if (out.stream().noneMatch(x -> x == st.buffer())) out.add(st.buffer()); }
      case BlockRealize br -> { }
      default -> { for (Stmt c : IrQuery.children(s)) stores(c, out); }
    }
  }

  private List<BufferRegion> regions(List<BufferRegion> rs) {
    List<BufferRegion> out = new ArrayList<>();
    for (BufferRegion r : rs) {
      List<Range> ranges = new ArrayList<>();
      for (Range g : r.region()) ranges.add(new Range(rewrite(g.min()), rewrite(g.extent())));
      out.add(new BufferRegion(buffer(r.buffer()), ranges));
    }
    return out;
  }
}

package dev.kiln.ir.tir.util;

import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A functional rebuilder of statements (and, through {@link ExprRewriter}, of the expressions in
 * them). Each statement kind has an overridable {@code rewriteX}; the default rewrites children and
 * rebuilds only where a child changed (by identity). Binding positions (a loop variable, a let
 * variable, a block iteration variable) are not rewritten: they are binders, not uses. Buffers are
 * identity objects and are kept as they are. Block domains, read/write regions, init and body are
 * rewritten.
 */
public class StmtRewriter extends ExprRewriter {
  public Stmt rewrite(Stmt s) {
    return switch (s) {
      case For f -> rewriteFor(f);
      case Seq q -> rewriteSeq(q);
      case Store st -> rewriteStore(st);
      case IfThenElse i -> rewriteIf(i);
      case LetStmt l -> rewriteLet(l);
      case BlockRealize br -> rewriteBlockRealize(br);
      case IntrinsicCall c -> rewriteIntrinsicCall(c);
    };
  }

  protected Stmt rewriteFor(For f) {
    Expr min = rewrite(f.min());
    Expr ext = rewrite(f.extent());
    Stmt body = rewrite(f.body());
    if (min == f.min() && ext == f.extent() && body == f.body()) return f;
    return new For(f.var(), min, ext, f.kind(), f.threadTag(), body);
  }

  protected Stmt rewriteSeq(Seq q) {
    List<Stmt> out = null;
    for (int i = 0; i < q.stmts().size(); i++) {
      Stmt o = q.stmts().get(i);
      Stmt n = rewrite(o);
      if (n != o && out == null) out = new ArrayList<>(q.stmts().subList(0, i));
      if (out != null) out.add(n);
    }
    return out == null ? q : Seq.of(out);
  }

  protected Stmt rewriteStore(Store s) {
    List<Expr> idx = rewriteAll(s.indices());
    Expr v = rewrite(s.value());
    return idx == s.indices() && v == s.value() ? s : new Store(s.buffer(), idx, v);
  }

  protected Stmt rewriteIntrinsicCall(IntrinsicCall c) {
    List<Expr> args = rewriteAll(c.args());
    return args == c.args() ? c : new IntrinsicCall(c.intrinsic(), c.buffers(), args);
  }

  protected Stmt rewriteIf(IfThenElse i) {
    Expr c = rewrite(i.cond());
    Stmt t = rewrite(i.then());
    Stmt o = i.otherwise() == null ? null : rewrite(i.otherwise());
    return c == i.cond() && t == i.then() && o == i.otherwise() ? i : new IfThenElse(c, t, o);
  }

  protected Stmt rewriteLet(LetStmt l) {
    Expr v = rewrite(l.value());
    Stmt b = rewrite(l.body());
    return v == l.value() && b == l.body() ? l : new LetStmt(l.var(), v, b);
  }

  protected Stmt rewriteBlockRealize(BlockRealize br) {
    List<Expr> vals = rewriteAll(br.iterValues());
    Expr pred = rewrite(br.predicate());
    Block b = rewriteBlock(br.block());
    if (vals == br.iterValues() && pred == br.predicate() && b == br.block()) return br;
    return new BlockRealize(vals, pred, b);
  }

  protected Block rewriteBlock(Block b) {
    List<IterVar> ivs = null;
    for (int i = 0; i < b.iterVars().size(); i++) {
      IterVar iv = b.iterVars().get(i);
      Range r = rewriteRange(iv.dom());
      if (r != iv.dom() && ivs == null) ivs = new ArrayList<>(b.iterVars().subList(0, i));
      if (ivs != null) ivs.add(r == iv.dom() ? iv : new IterVar(iv.var(), r, iv.kind()));
    }
    List<BufferRegion> reads = rewriteRegions(b.reads());
    List<BufferRegion> writes = rewriteRegions(b.writes());
    Stmt init = b.init() == null ? null : rewrite(b.init());
    Stmt body = rewrite(b.body());
    if (ivs == null && reads == b.reads() && writes == b.writes() && init == b.init() && body == b.body()) return b;
    return new Block(b.name(), ivs == null ? b.iterVars() : ivs, reads, writes, init, body, b.allocs());
  }

  protected Range rewriteRange(Range r) {
    Expr min = rewrite(r.min());
    Expr ext = rewrite(r.extent());
    return min == r.min() && ext == r.extent() ? r : new Range(min, ext);
  }

  protected final List<BufferRegion> rewriteRegions(List<BufferRegion> regions) {
    List<BufferRegion> out = null;
    for (int i = 0; i < regions.size(); i++) {
      BufferRegion br = regions.get(i);
      List<Range> rs = null;
      for (int k = 0; k < br.region().size(); k++) {
        Range r = rewriteRange(br.region().get(k));
        if (r != br.region().get(k) && rs == null) rs = new ArrayList<>(br.region().subList(0, k));
        if (rs != null) rs.add(r);
      }
      BufferRegion n = rs == null ? br : new BufferRegion(br.buffer(), rs);
      if (n != br && out == null) out = new ArrayList<>(regions.subList(0, i));
      if (out != null) out.add(n);
    }
    return out == null ? regions : List.copyOf(out);
  }
}

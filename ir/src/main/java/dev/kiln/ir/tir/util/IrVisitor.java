package dev.kiln.ir.tir.util;

import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;

/**
 * A pre-order walker over statements and expressions. {@link #visitStmt} and {@link #visitExpr}
 * are called on every node before its children; an override that returns {@code false} skips the
 * node's children. Children are visited in program order: a loop's min and extent before its body,
 * a block realize's values and predicate before the block's domains, regions, init and body.
 */
public class IrVisitor {
  /** Called on each statement before its children; return false to skip them. */
  protected boolean visitStmt(Stmt s) { return true; }

  /** Called on each expression before its children; return false to skip them. */
  protected boolean visitExpr(Expr e) { return true; }

  public final void walk(Stmt s) {
    if (!visitStmt(s)) return;
    switch (s) {
      case For f -> { walk(f.min()); walk(f.extent()); walk(f.body()); }
      case Seq q -> q.stmts().forEach(this::walk);
      case Store st -> { st.indices().forEach(this::walk); walk(st.value()); }
      case IntrinsicCall c -> c.args().forEach(this::walk);
      case IfThenElse i -> { walk(i.cond()); walk(i.then()); if (i.otherwise() != null) walk(i.otherwise()); }
      case LetStmt l -> { walk(l.value()); walk(l.body()); }
      case BlockRealize br -> {
        br.iterValues().forEach(this::walk);
        walk(br.predicate());
        walkBlock(br.block());
      }
    }
  }

  private void walkBlock(Block b) {
    for (IterVar iv : b.iterVars()) walk(iv.dom());
    for (BufferRegion r : b.reads()) r.region().forEach(this::walk);
    for (BufferRegion r : b.writes()) r.region().forEach(this::walk);
    if (b.init() != null) walk(b.init());
    walk(b.body());
  }

  private void walk(Range r) { walk(r.min()); walk(r.extent()); }

  public final void walk(Expr e) {
    if (!visitExpr(e)) return;
    switch (e) {
      case IntImm i -> { }
      case FloatImm f -> { }
      case Var v -> { }
      case Load l -> l.indices().forEach(this::walk);
      case Binary b -> { walk(b.a()); walk(b.b()); }
      case Unary u -> walk(u.a());
      case Select s -> { walk(s.cond()); walk(s.t()); walk(s.f()); }
      case Cast c -> walk(c.value());
      case Call c -> c.args().forEach(this::walk);
    }
  }
}

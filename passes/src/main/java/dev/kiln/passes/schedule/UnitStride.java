package dev.kiln.passes.schedule;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.IrVisitor;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a loop walks every buffer a block accesses with stride 0 or 1. Algorithm: the block's
 * iteration variables are replaced by their bindings; for each load and store, the loop variable
 * must not occur in any index but the last, and in the last {@code e(v+1) - e(v)} must simplify
 * to the constant 1 (or the index must not use it).
 */
final class UnitStride {
  private UnitStride() {}

  static boolean inEveryAccess(BlockRealize br, Var v) {
    if (br == null) return false;
    Map<Var, Expr> bind = IrQuery.bindings(br);
    List<List<Expr>> accesses = new ArrayList<>();
    IrVisitor collect = new IrVisitor() {
      @Override protected boolean visitStmt(Stmt s) {
        if (s instanceof Store st) accesses.add(st.indices());
        return !(s instanceof BlockRealize);
      }
      @Override protected boolean visitExpr(Expr e) {
        if (e instanceof Load l) accesses.add(l.indices());
        return true;
      }
    };
    collect.walk(br.block().body());
    Map<Var, Expr> next = new IdentityHashMap<>();
    next.put(v, new Binary(BinOp.ADD, v, new IntImm(DType.I32, 1)));
    for (List<Expr> idx : accesses) {
      for (int d = 0; d < idx.size(); d++) {
        Expr e = Substitute.expr(idx.get(d), bind);
        if (!FreeVars.uses(e, v)) continue;
        if (d != idx.size() - 1) return false;
        Expr step = Simplify.expr(new Binary(BinOp.SUB, Substitute.expr(e, next), e));
        if (!Simplify.isConst(step, 1)) return false;
      }
    }
    return true;
  }

}

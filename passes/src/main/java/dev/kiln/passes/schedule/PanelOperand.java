package dev.kiln.passes.schedule;

import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.IrVisitor;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operand a tiled GEMM-like block should pack: the one buffer it reads whose indices use the
 * column loop {@code j} and a reduction loop but not the row loop {@code i} (B of C = A·B), so
 * every row tile reuses one copied panel. Found by replacing the block's iteration variables by
 * their bindings and looking at each load; null when no buffer, or more than one, has that form,
 * or when it is also written by the block.
 */
final class PanelOperand {
  private PanelOperand() {}

  static String of(BlockRealize br, Var i, Var j, List<Var> reduce) {
    if (br == null) return null;
    Map<Var, Expr> bind = IrQuery.bindings(br);
    List<Buffer> found = new ArrayList<>();
    List<Buffer> all = new ArrayList<>();
    new IrVisitor() {
      @Override protected boolean visitExpr(Expr e) {
        if (e instanceof Load l) {
          all.add(l.buffer());
          boolean usesJ = false, usesI = false, usesK = false;
          for (Expr x : l.indices()) {
            Expr v = Substitute.expr(x, bind);
            usesJ |= FreeVars.uses(v, j);
            usesI |= FreeVars.uses(v, i);
            for (Var k : reduce) usesK |= FreeVars.uses(v, k);
          }
          if (usesJ && usesK && !usesI && !found.contains(l.buffer())) found.add(l.buffer());
        }
        return true;
      }
    }.walk(br.block().body());
    if (found.size() != 1) return null;
    Buffer b = found.get(0);
    boolean written = br.block().body() instanceof dev.kiln.ir.tir.Store st && st.buffer() == b;
    return written ? null : b.name();
  }
}

package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrVisitor;

/**
 * The shape {@code rfactor} needs: a block whose init is {@code C[idx] = 0} and whose body is
 * {@code C[idx] = C[idx] + e} or {@code C[idx] = e + C[idx]} at the same {@code idx}, with no
 * reduction iteration variable in {@code idx}, {@code e} not reading C and no allocations.
 * {@code accFirst} tells which operand order the body uses.
 */
record SumReduction(Store store, Expr term, boolean accFirst, Expr zero) {
  static SumReduction of(Block b, String what) {
    String name = "block `" + b.name() + "`";
    if (b.init() == null || !b.hasReduction())
      throw new ScheduleException(what + name + " is not a reduction with an init");
    if (!b.allocs().isEmpty()) throw new ScheduleException(what + name + " allocates buffers");
    if (!(b.body() instanceof Store st) || !(st.value() instanceof Binary add) || add.op() != BinOp.ADD)
      throw new ScheduleException(what + name + " is not a sum `C[...] = C[...] + e`; only sum reductions can be factored");
    Load acc = new Load(st.buffer(), st.indices());
    boolean accFirst = add.a().equals(acc);
    if (!accFirst && !add.b().equals(acc))
      throw new ScheduleException(what + name + " is not a sum `C[...] = C[...] + e`: neither operand of its `+` reads the point it stores");
    Expr term = accFirst ? add.b() : add.a();
    if (reads(term, st.buffer()))
      throw new ScheduleException(what + "the term added by " + name + " reads `" + st.buffer().name() + "` itself");
    for (Expr e : st.indices())
      for (IterVar iv : b.iterVars())
        if (iv.kind() == IterKind.REDUCE && FreeVars.uses(e, iv.var()))
          throw new ScheduleException(what + name + " stores at an index that uses reduction iter var `" + iv.var().name() + "`");
    if (!(b.init() instanceof Store init) || init.buffer() != st.buffer() || !init.indices().equals(st.indices()) || !isZero(init.value()))
      throw new ScheduleException(what + "the init of " + name + " is not `" + st.buffer().name() + "[...] = 0` at the point it updates"
          + (b.init() instanceof Store i ? " (it stores " + TirPrinter.print(i.value()) + ")" : ""));
    return new SumReduction(st, term, accFirst, init.value());
  }

  private static boolean reads(Expr e, Buffer buf) {
    boolean[] found = {false};
    new IrVisitor() {
      @Override protected boolean visitExpr(Expr x) {
        if (x instanceof Load l && l.buffer() == buf) found[0] = true;
        return !found[0];
      }
    }.walk(e);
    return found[0];
  }

  private static boolean isZero(Expr e) {
    return e instanceof FloatImm x && x.value() == 0 || e instanceof IntImm i && i.value() == 0;
  }
}

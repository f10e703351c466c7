package dev.kiln.backend.jvm;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.IrVisitor;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hoists row offsets out of an innermost scalar loop, so each array access in the loop is
 * {@code a[base + c*v]} with {@code base} a local computed once before the loop.
 *
 * <p>Algorithm: for every load and store in the body (block iteration variables replaced by their
 * bound values), form the flat row-major offset and find its coefficient {@code c} in the loop
 * variable ({@link Affine#coefficient}); when there is one, {@code c != 0}, and the offset at
 * {@code v = 0} cannot throw and uses only variables bound outside the loop, that base is
 * simplified, emitted once as {@code int off_N = base;} (equal bases share one local), and the
 * access's index list is mapped to {@code (off_N + c*v)}. In wrapping i32 arithmetic
 * {@code off(v) = off(0) + c*v} holds exactly for such expressions, so values are unchanged. The
 * JIT sees one induction variable plus a loop-invariant local per access, the form its range-check
 * elimination handles.
 */
final class OffsetHoisting {
  private OffsetHoisting() {}

  /**
   * Emits the hoisted bases into {@code w}; returns the offsets to use per buffer, keyed by the
   * identity of the index list (two accesses may share one list object).
   */
  static Map<Buffer, Map<List<Expr>, String>> hoist(For f, Stmt body, Scope outer, String vName, Set<String> helpers,
      SourceWriter w) {
    Map<Buffer, Map<List<Expr>, String>> out = new IdentityHashMap<>();
    if (!IrQuery.loops(body).isEmpty()) return out;
    Map<Var, Expr> bind = body instanceof BlockRealize br ? IrQuery.bindings(br) : new IdentityHashMap<>();
    Var v = f.var();
    Map<String, String> bases = new HashMap<>();
    ExprCodegen gen = new ExprCodegen(outer, helpers);
    IrVisitor visitor = new IrVisitor() {
      @Override protected boolean visitStmt(Stmt s) {
        if (s instanceof Store st) access(st.buffer(), st.indices());
        return true;
      }

      @Override protected boolean visitExpr(Expr e) {
        if (e instanceof Load ld) access(ld.buffer(), ld.indices());
        return true;
      }

      private void access(Buffer b, List<Expr> indices) {
        Map<List<Expr>, String> forBuffer = out.computeIfAbsent(b, k -> new IdentityHashMap<>());
        if (indices.isEmpty() || forBuffer.containsKey(indices)) return;
        Expr flat = indices.get(0);
        for (int d = 1; d < indices.size(); d++)
          flat = new Binary(BinOp.ADD, new Binary(BinOp.MUL, flat, b.shape().get(d)), indices.get(d));
        flat = Substitute.expr(flat, bind);
        Long c = Affine.coefficient(flat, v);
        if (c == null || c == 0 || c != (int) (long) c) return;
        Expr base = Substitute.expr(flat, Map.of(v, Expr.i32(0)));
        if (!Affine.safe(base)) return;
        for (Var x : FreeVars.of(base)) if (!outer.binds(x)) return;
        String code = gen.gen(Simplify.expr(base));
        String name = bases.get(code);
        if (name == null) {
          name = outer.fresh("off");
          bases.put(code, name);
          w.line("int " + name + " = " + code + ";");
        }
        forBuffer.put(indices, "(" + name + " + " + (c == 1 ? vName : JavaSyntax.intLiteral((int) (long) c) + " * " + vName) + ")");
      }
    };
    visitor.walk(body);
    return out;
  }
}

package dev.kiln.passes.fusion;

import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.List;

/**
 * Decides whether a kernel is elementwise, the condition for being fused into its producer.
 * A kernel is elementwise when all of these hold:
 * <ol>
 *   <li>its body is made of {@code Seq}s, loops (of any kind) and block realizes, possibly under one
 *       root block realize that has no iteration variables, no init, no read/write regions and
 *       predicate {@code true}; no store, if or let sits outside a block;</li>
 *   <li>every other block has only spatial iteration variables, no init, no allocations and no
 *       nested block; its body is made of {@code Seq}s, lets and stores only (any predicate);</li>
 *   <li>every store writes at exactly the block's iteration variables, in order (the stored
 *       buffer's rank is the number of iteration variables);</li>
 *   <li>every load indexes each dimension with an integer constant or with one of the block's
 *       iteration variables, the variables appearing in strictly increasing order of position:
 *       the identity access, or a broadcast (dimensions dropped or pinned to a constant), never a
 *       transpose, a shift or a computed index.</li>
 * </ol>
 * Algorithm: one recursive walk of the body checking these rules; the first violation answers no.
 */
public final class Elementwise {
  private Elementwise() {}

  public static boolean test(PrimFunc f) {
    Stmt body = f.body();
    if (body instanceof BlockRealize r && isRoot(r)) body = r.block().body();
    return outer(body);
  }

  /** A root block realize: no iteration variables, no init, predicate true, no read/write regions. */
  static boolean isRoot(BlockRealize r) {
    Block b = r.block();
    return b.iterVars().isEmpty() && b.init() == null && b.reads().isEmpty() && b.writes().isEmpty()
        && r.predicate() instanceof IntImm k && k.value() == 1;
  }

  private static boolean outer(Stmt s) {
    return switch (s) {
      case Seq q -> q.stmts().stream().allMatch(Elementwise::outer);
      case For f -> outer(f.body());
      case BlockRealize r -> block(r.block());
      case Store st -> false;
      case IfThenElse i -> false;
      case LetStmt l -> false;
      case IntrinsicCall c -> false;
    };
  }

  private static boolean block(Block b) {
    if (b.init() != null || !b.allocs().isEmpty()) return false;
    for (IterVar iv : b.iterVars()) if (iv.kind() != IterKind.SPATIAL) return false;
    return inner(b.body(), b.iterVars());
  }

  private static boolean inner(Stmt s, List<IterVar> ivs) {
    return switch (s) {
      case Seq q -> q.stmts().stream().allMatch(x -> inner(x, ivs));
      case LetStmt l -> reads(l.value(), ivs) && inner(l.body(), ivs);
      case Store st -> identity(st.indices(), ivs) && reads(st.value(), ivs);
      case For f -> false;
      case BlockRealize r -> false;
      case IfThenElse i -> false;
      case IntrinsicCall c -> false;
    };
  }

  private static boolean identity(List<Expr> idx, List<IterVar> ivs) {
    if (idx.size() != ivs.size()) return false;
    for (int i = 0; i < idx.size(); i++) if (idx.get(i) != ivs.get(i).var()) return false;
    return true;
  }

  /** Whether every load in {@code e} is an identity or broadcast access. */
  private static boolean reads(Expr e, List<IterVar> ivs) {
    return switch (e) {
      case IntImm i -> true;
      case FloatImm f -> true;
      case Var v -> true;
      case Load l -> broadcast(l.indices(), ivs);
      case Binary b -> reads(b.a(), ivs) && reads(b.b(), ivs);
      case Unary u -> reads(u.a(), ivs);
      case Select s -> reads(s.cond(), ivs) && reads(s.t(), ivs) && reads(s.f(), ivs);
      case Cast c -> reads(c.value(), ivs);
      case Call c -> c.args().stream().allMatch(a -> reads(a, ivs));
    };
  }

  private static boolean broadcast(List<Expr> idx, List<IterVar> ivs) {
    int last = -1;
    for (Expr i : idx) {
      if (i instanceof IntImm) continue;
      int pos = position(i, ivs);
      if (pos <= last) return false;
      last = pos;
    }
    return true;
  }

  private static int position(Expr e, List<IterVar> ivs) {
    for (int k = 0; k < ivs.size(); k++) if (ivs.get(k).var() == e) return k;
    return -1;
  }
}

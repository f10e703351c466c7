package dev.kiln.ir.tir.util;

import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Structural queries over a statement tree: all loops or block realizes in pre-order, the parent
 * of every statement, and the path from the root to a statement. The parent of a statement that
 * is a block's init or body is the {@link BlockRealize} of that block. Maps are identity maps:
 * statements are records, and two equal-looking subtrees are still different positions.
 */
public final class IrQuery {
  private IrQuery() {}

  /** Every loop, outer before inner, in program order. */
  public static List<For> loops(Stmt root) { return collect(root, For.class); }

  /** Every block realize (the root block included), outer before inner, in program order. */
  public static List<BlockRealize> blocks(Stmt root) { return collect(root, BlockRealize.class); }

  /** The first block realize named {@code name} under {@code root}, in pre-order, or null. */
  public static BlockRealize block(Stmt root, String name) {
    for (BlockRealize br : blocks(root)) if (br.block().name().equals(name)) return br;
    return null;
  }

  /** Each iteration variable of {@code br}'s block mapped to the value the realize binds it to. */
  public static Map<Var, Expr> bindings(BlockRealize br) {
    Map<Var, Expr> m = new IdentityHashMap<>();
    for (int k = 0; k < br.iterValues().size(); k++) m.put(br.block().iterVars().get(k).var(), br.iterValues().get(k));
    return m;
  }

  /** The loop whose variable is {@code v}, or null. */
  public static For loopOf(Stmt root, Var v) {
    for (For f : loops(root)) if (f.var() == v) return f;
    return null;
  }

  /** Child → parent for every statement under {@code root}; the root has no entry. */
  public static Map<Stmt, Stmt> parents(Stmt root) {
    IdentityHashMap<Stmt, Stmt> parents = new IdentityHashMap<>();
    fillParents(root, parents);
    return Collections.unmodifiableMap(parents);
  }

  private static void fillParents(Stmt s, IdentityHashMap<Stmt, Stmt> parents) {
    for (Stmt c : children(s)) {
      parents.put(c, s);
      fillParents(c, parents);
    }
  }

  /** The statements directly under {@code s}, in program order. */
  public static List<Stmt> children(Stmt s) {
    return switch (s) {
      case For f -> List.of(f.body());
      case Seq q -> q.stmts();
      case Store st -> List.of();
      case IntrinsicCall c -> List.of();
      case IfThenElse i -> i.otherwise() == null ? List.of(i.then()) : List.of(i.then(), i.otherwise());
      case LetStmt l -> List.of(l.body());
      case BlockRealize br -> br.block().init() == null ? List.of(br.block().body())
          : List.of(br.block().init(), br.block().body());
    };
  }

  /**
   * The path from {@code root} (first) to the first statement in pre-order that satisfies
   * {@code target} (last), or an empty list when none does.
   */
  public static List<Stmt> pathTo(Stmt root, Predicate<Stmt> target) {
    List<Stmt> path = new ArrayList<>();
    return find(root, target, path) ? List.copyOf(path) : List.of();
  }

  private static boolean find(Stmt s, Predicate<Stmt> target, List<Stmt> path) {
    path.add(s);
    if (target.test(s)) return true;
    for (Stmt c : children(s)) if (find(c, target, path)) return true;
    path.remove(path.size() - 1);
    return false;
  }

  private static <T extends Stmt> List<T> collect(Stmt root, Class<T> kind) {
    List<T> out = new ArrayList<>();
    new IrVisitor() {
      @Override protected boolean visitStmt(Stmt s) {
        if (kind.isInstance(s)) out.add(kind.cast(s));
        return true;
      }
    }.walk(root);
    return out;
  }
}

package dev.kiln.ir.tir.util;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tensorize.TensorIntrinsic;
import dev.kiln.ir.tensorize.TensorIntrinsics;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the floating-point operations a kernel performs for given sizes, from its loop-nest IR.
 * Algorithm: walk the body with a running trip count (the product of the enclosing loops'
 * extents, evaluated with the size variables bound); every store adds the trip count times the
 * number of floating-point arithmetic operations in its value and index expressions (each binary
 * arithmetic operator, min/max/pow and math call on a float dtype counts one; loads, casts,
 * selects and integer index arithmetic count nothing). Conventions: an {@code if} counts its
 * larger branch; block predicates are ignored (a guarded tail counts as full iterations); a
 * block's {@code init} counts (usually zero). So a matmul counts 2·M·N·K.
 */
public final class FlopCounter {
  private final Map<Var, Expr> sizes = new HashMap<>();

  private FlopCounter(PrimFunc f, int[] values) {
    for (int i = 0; i < f.sizeVars().size(); i++) sizes.put(f.sizeVars().get(i), new IntImm(DType.I32, values[i]));
  }

  /** Floating-point operations of one call of {@code f} with these size values. */
  public static long count(PrimFunc f, int[] sizeValues) {
    return new FlopCounter(f, sizeValues).stmt(f.body(), 1);
  }

  private long stmt(Stmt s, long trips) {
    return switch (s) {
      case For f -> stmt(f.body(), trips * extent(f.extent()));
      case Seq q -> {
        long n = 0;
        for (Stmt x : q.stmts()) n += stmt(x, trips);
        yield n;
      }
      case Store st -> {
        long n = expr(st.value());
        for (Expr i : st.indices()) n += expr(i);
        yield trips * n;
      }
      case IfThenElse i -> Math.max(stmt(i.then(), trips), i.otherwise() == null ? 0 : stmt(i.otherwise(), trips));
      case LetStmt l -> trips * expr(l.value()) + stmt(l.body(), trips);
      case BlockRealize br -> {
        Block b = br.block();
        yield (b.init() == null ? 0 : stmt(b.init(), trips)) + stmt(b.body(), trips);
      }
      case IntrinsicCall c -> trips * intrinsic(c);
    };
  }

  /** The description's count, with the call's arguments that are constant for these sizes (others 0). */
  private long intrinsic(IntrinsicCall c) {
    TensorIntrinsic t = TensorIntrinsics.get(c.intrinsic());
    if (t == null) return 0;
    int nb = t.buffers().size();
    int[] values = new int[nb + c.args().size()];
    for (int i = 0; i < c.args().size(); i++) values[nb + i] = (int) extent(c.args().get(i));
    return count(t.description(), values);
  }

  private long extent(Expr e) {
    Expr v = Simplify.expr(Substitute.expr(e, sizes));
    return v instanceof IntImm k ? Math.max(0, k.value()) : 0;
  }

  private static long expr(Expr e) {
    return switch (e) {
      case IntImm i -> 0;
      case FloatImm f -> 0;
      case Var v -> 0;
      case Load l -> {
        long n = 0;
        for (Expr i : l.indices()) n += expr(i);
        yield n;
      }
      case Binary b -> (b.dtype().isFloat() && !b.op().yieldsBool() ? 1 : 0) + expr(b.a()) + expr(b.b());
      case Unary u -> (u.dtype().isFloat() ? 1 : 0) + expr(u.a());
      case Select s -> expr(s.cond()) + Math.max(expr(s.t()), expr(s.f()));
      case Cast c -> expr(c.value());
      case Call c -> {
        long n = c.dtype().isFloat() ? 1 : 0;
        for (Expr a : c.args()) n += expr(a);
        yield n;
      }
    };
  }
}

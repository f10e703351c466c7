package dev.kiln.ir.tir;

import dev.kiln.ir.tir.text.TirPrinter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Alpha-equivalence of loop-nest IR. Algorithm: walk both trees in lockstep. At each definition
 * (size variable, parameter, allocation, loop variable, block iteration variable, let variable)
 * the two defined objects are paired in a bijection (variables and buffers separately), after
 * checking their dtypes (and, for buffers, scope and shape). At each use, the pair must be one the
 * bijection holds; an object defined on neither side (a free variable) must be the same object on
 * both. Names, spans and the function's own name are ignored; block names, dtypes, constants
 * (floats bit for bit), operators, loop kinds and thread tags, memory scopes and the exact shape of
 * every statement (including one-element and nested sequences) must match.
 *
 * <p>{@link #explain} returns the first difference as {@code path: what (a vs b)}, for test
 * messages; the path lists the statements and fields leading to it.
 */
public final class StructuralEqual {
  private final Map<Var, Var> vars = new IdentityHashMap<>();
  private final Map<Var, Var> varsBack = new IdentityHashMap<>();
  private final Map<Buffer, Buffer> bufs = new IdentityHashMap<>();
  private final Map<Buffer, Buffer> bufsBack = new IdentityHashMap<>();
  private final Deque<String> path = new ArrayDeque<>();
  private String failure;

  private StructuralEqual() {}

  public static boolean equal(PrimFunc a, PrimFunc b) { return explain(a, b) == null; }

  public static boolean equal(Stmt a, Stmt b) { return explain(a, b) == null; }

  public static boolean equal(Expr a, Expr b) { return explain(a, b) == null; }

  /** The first difference, or null when the functions are structurally equal. */
  public static String explain(PrimFunc a, PrimFunc b) {
    StructuralEqual s = new StructuralEqual();
    return s.func(a, b) ? null : s.failure;
  }

  public static String explain(Stmt a, Stmt b) {
    StructuralEqual s = new StructuralEqual();
    return s.stmt(a, b) ? null : s.failure;
  }

  public static String explain(Expr a, Expr b) {
    StructuralEqual s = new StructuralEqual();
    return s.expr(a, b) ? null : s.failure;
  }

  private boolean func(PrimFunc a, PrimFunc b) {
    return at("sizes", () -> sameSize(a.sizeVars(), b.sizeVars(), "size variables") && all(a.sizeVars(), b.sizeVars(), this::defVar))
        && at("inputs", () -> sameSize(a.inputs(), b.inputs(), "inputs") && all(a.inputs(), b.inputs(), this::defBuf))
        && at("outputs", () -> sameSize(a.outputs(), b.outputs(), "outputs") && all(a.outputs(), b.outputs(), this::defBuf))
        && at("body", () -> stmt(a.body(), b.body()));
  }

  private boolean stmt(Stmt a, Stmt b) {
    if (a == null || b == null) return a == b || fail("statement missing on one side", a, b);
    if (a.getClass() != b.getClass()) return fail("statement kinds differ", a, b);
    return switch (a) {
      case Seq x -> {
        Seq y = (Seq) b;
        if (!sameSize(x.stmts(), y.stmts(), "statements in sequence")) yield false;
        for (int i = 0; i < x.stmts().size(); i++) {
          int k = i;
          if (!at("[" + i + "]", () -> stmt(x.stmts().get(k), y.stmts().get(k)))) yield false;
        }
        yield true;
      }
      case Store x -> {
        Store y = (Store) b;
        yield at("store", () -> useBuf(x.buffer(), y.buffer()) && exprs(x.indices(), y.indices())
            && at("value", () -> expr(x.value(), y.value())));
      }
      case LetStmt x -> {
        LetStmt y = (LetStmt) b;
        yield at("let", () -> expr(x.value(), y.value()) && defVar(x.var(), y.var()) && stmt(x.body(), y.body()));
      }
      case IfThenElse x -> {
        IfThenElse y = (IfThenElse) b;
        yield at("if", () -> expr(x.cond(), y.cond()) && at("then", () -> stmt(x.then(), y.then()))
            && at("else", () -> stmt(x.otherwise(), y.otherwise())));
      }
      case For x -> {
        For y = (For) b;
        yield at("for " + x.var().name(), () -> {
          if (x.kind() != y.kind()) return fail("loop kinds differ: " + x.kind() + " vs " + y.kind());
          if (!Objects.equals(x.threadTag(), y.threadTag()))
            return fail("thread tags differ: " + x.threadTag() + " vs " + y.threadTag());
          return expr(x.min(), y.min()) && expr(x.extent(), y.extent()) && defVar(x.var(), y.var())
              && stmt(x.body(), y.body());
        });
      }
      case BlockRealize x -> at("block " + x.block().name(), () -> realize(x, (BlockRealize) b));
      case IntrinsicCall x -> {
        IntrinsicCall y = (IntrinsicCall) b;
        yield at("intrinsic " + x.intrinsic(), () -> {
          if (!x.intrinsic().equals(y.intrinsic())) return fail("intrinsics differ: " + x.intrinsic() + " vs " + y.intrinsic());
          if (!sameSize(x.buffers(), y.buffers(), "intrinsic buffers")) return false;
          for (int i = 0; i < x.buffers().size(); i++) if (!useBuf(x.buffers().get(i), y.buffers().get(i))) return false;
          return exprs(x.args(), y.args());
        });
      }
    };
  }

  private boolean realize(BlockRealize x, BlockRealize y) {
    Block p = x.block();
    Block q = y.block();
    if (!p.name().equals(q.name())) return fail("block names differ: " + p.name() + " vs " + q.name());
    if (!sameSize(p.iterVars(), q.iterVars(), "iteration variables")) return false;
    if (!at("iter values", () -> exprs(x.iterValues(), y.iterValues()))) return false;
    if (!at("predicate", () -> expr(x.predicate(), y.predicate()))) return false;
    for (int i = 0; i < p.iterVars().size(); i++) {
      IterVar u = p.iterVars().get(i);
      IterVar v = q.iterVars().get(i);
      if (u.kind() != v.kind()) return fail("iteration kinds differ for " + u.var().name() + ": " + u.kind() + " vs " + v.kind());
      if (!at("domain of " + u.var().name(), () -> range(u.dom(), v.dom()))) return false;
      if (!defVar(u.var(), v.var())) return false;
    }
    return at("allocs", () -> sameSize(p.allocs(), q.allocs(), "allocations") && all(p.allocs(), q.allocs(), this::defBuf))
        && at("reads", () -> regions(p.reads(), q.reads()))
        && at("writes", () -> regions(p.writes(), q.writes()))
        && at("init", () -> stmt(p.init(), q.init()))
        && stmt(p.body(), q.body());
  }

  private boolean regions(List<BufferRegion> a, List<BufferRegion> b) {
    if (!sameSize(a, b, "regions")) return false;
    for (int i = 0; i < a.size(); i++) {
      BufferRegion x = a.get(i);
      BufferRegion y = b.get(i);
      if (!useBuf(x.buffer(), y.buffer()) || !sameSize(x.region(), y.region(), "region dimensions")) return false;
      for (int k = 0; k < x.region().size(); k++) if (!range(x.region().get(k), y.region().get(k))) return false;
    }
    return true;
  }

  private boolean range(Range a, Range b) {
    return expr(a.min(), b.min()) && expr(a.extent(), b.extent());
  }

  private boolean exprs(List<Expr> a, List<Expr> b) {
    if (!sameSize(a, b, "indices")) return false;
    for (int i = 0; i < a.size(); i++) if (!expr(a.get(i), b.get(i))) return false;
    return true;
  }

  private boolean expr(Expr a, Expr b) {
    if (a.getClass() != b.getClass()) return fail("expression kinds differ", a, b);
    if (a.dtype() != b.dtype()) return fail("dtypes differ", a, b);
    return switch (a) {
      case IntImm x -> x.value() == ((IntImm) b).value() || fail("constants differ", a, b);
      case FloatImm x -> Double.doubleToLongBits(x.value()) == Double.doubleToLongBits(((FloatImm) b).value())
          || fail("constants differ", a, b);
      case Var x -> useVar(x, (Var) b);
      case Load x -> useBuf(x.buffer(), ((Load) b).buffer()) && exprs(x.indices(), ((Load) b).indices());
      case Binary x -> {
        Binary y = (Binary) b;
        yield (x.op() == y.op() || fail("operators differ", a, b)) && expr(x.a(), y.a()) && expr(x.b(), y.b());
      }
      case Unary x -> (x.op() == ((Unary) b).op() || fail("operators differ", a, b)) && expr(x.a(), ((Unary) b).a());
      case Select x -> {
        Select y = (Select) b;
        yield expr(x.cond(), y.cond()) && expr(x.t(), y.t()) && expr(x.f(), y.f());
      }
      case Cast x -> expr(x.value(), ((Cast) b).value());
      case Call x -> (x.function().equals(((Call) b).function()) || fail("functions differ", a, b))
          && exprs(x.args(), ((Call) b).args());
    };
  }

  private boolean defVar(Var a, Var b) {
    if (a.dtype() != b.dtype()) return fail("variable dtypes differ", a, b);
    Var m = vars.get(a);
    if (m == b) return true;
    if (m != null || varsBack.containsKey(b)) return fail("a variable is defined twice on one side only", a, b);
    vars.put(a, b);
    varsBack.put(b, a);
    return true;
  }

  private boolean useVar(Var a, Var b) {
    Var m = vars.get(a);
    if (m != null) return m == b || fail("variables differ", a, b);
    if (varsBack.containsKey(b)) return fail("variables differ", a, b);
    return a == b || fail("free variables differ", a, b);
  }

  private boolean defBuf(Buffer a, Buffer b) {
    if (a.dtype() != b.dtype()) return fail("buffer dtypes differ: " + a.name() + ": " + a.dtype() + " vs " + b.name() + ": " + b.dtype());
    if (a.scope() != b.scope()) return fail("buffer scopes differ: " + a.name() + " " + a.scope() + " vs " + b.scope());
    if (!at("shape of " + a.name(), () -> exprs(a.shape(), b.shape()))) return false;
    Buffer m = bufs.get(a);
    if (m == b) return true;
    if (m != null || bufsBack.containsKey(b)) return fail("buffer " + a.name() + " is defined twice on one side only");
    bufs.put(a, b);
    bufsBack.put(b, a);
    return true;
  }

  private boolean useBuf(Buffer a, Buffer b) {
    Buffer m = bufs.get(a);
    if (m != null) return m == b || fail("buffers differ: " + a.name() + " vs " + b.name());
    if (bufsBack.containsKey(b)) return fail("buffers differ: " + a.name() + " vs " + b.name());
    return a == b || fail("undefined buffers differ: " + a.name() + " vs " + b.name());
  }

  private <T> boolean all(List<T> a, List<T> b, java.util.function.BiPredicate<T, T> f) {
    Iterator<T> i = a.iterator();
    Iterator<T> k = b.iterator();
    while (i.hasNext()) if (!f.test(i.next(), k.next())) return false;
    return true;
  }

  private boolean sameSize(List<?> a, List<?> b, String what) {
    return a.size() == b.size() || fail("numbers of " + what + " differ: " + a.size() + " vs " + b.size());
  }

  private boolean at(String label, BooleanSupplier f) {
    path.addLast(label);
    try {
      return f.getAsBoolean();
    } finally {
      path.removeLast();
    }
  }

  private boolean fail(String what, Object a, Object b) {
    return fail(what + " (" + show(a) + " vs " + show(b) + ")");
  }

  private static String show(Object o) {
    return switch (o) {
      case null -> "nothing";
      case Expr e -> TirPrinter.print(e) + ": " + e.dtype();
      case Stmt s -> s.getClass().getSimpleName();
      default -> o.toString();
    };
  }

  private boolean fail(String what) {
    if (failure == null) failure = (path.isEmpty() ? "" : String.join("/", path) + ": ") + what;
    return false;
  }
}

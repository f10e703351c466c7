package dev.kiln.ir.tir;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a PrimFunc is well formed; a failure is a compiler bug, reported as an
 * {@link InternalCompilerError} listing every problem found. Algorithm: one walk of the body
 * keeping the set of variables and buffers in scope. Checked:
 * <ul>
 *   <li>scoping: every variable used is in scope: a size variable, or a loop, iteration or let
 *       variable whose statement encloses the use. A block is opaque: inside it (regions, init,
 *       body) the enclosing loop and let variables are hidden; only size variables, the
 *       iteration variables of it and of enclosing blocks, and variables bound inside it are
 *       visible. Its iteration values and predicate are evaluated outside it;</li>
 *   <li>every buffer used (load, store, region) is a parameter or allocated by an enclosing block;</li>
 *   <li>single definition: no variable is bound twice (two loops, or a loop and a let, binding
 *       the same Var), no buffer is a parameter twice or allocated twice;</li>
 *   <li>types: buffer shapes, indices and region bounds are i32; loop bounds and iteration
 *       domains and values have their variable's dtype; load/store rank and store dtype match
 *       the buffer; a math call has one argument of its own dtype; a block has as many
 *       iteration values as iteration variables;</li>
 *   <li>a REDUCE iteration variable is not bound to an expression of a parallel or vectorized
 *       loop's variable (a reduction cannot run concurrently);</li>
 *   <li>a thread-bound loop has a non-empty thread tag.</li>
 * </ul>
 */
public final class Verifier {
  private final List<String> problems = new ArrayList<>();
  private final Set<Var> bound = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Buffer> declared = Collections.newSetFromMap(new IdentityHashMap<>());
  private Set<Var> visible = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Buffer> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Var> sizeVars = new ArrayList<>();
  private final List<Var> blockVars = new ArrayList<>();
  private final Map<Var, ForKind> loopKinds = new IdentityHashMap<>();

  private Verifier() {}

  /** Throws an InternalCompilerError listing every problem; returns normally when there is none. */
  public static void verify(PrimFunc f) {
    List<String> ps = problems(f);
    if (ps.isEmpty()) return;
    StringBuilder sb = new StringBuilder("IR verification of '" + f.name() + "' failed: " + ps.size() + " problem(s)");
    for (String p : ps) sb.append("\n  - ").append(p);
    throw new InternalCompilerError(sb.toString());
  }

  /** Every problem found, in walk order; empty when the function is well formed. */
  public static List<String> problems(PrimFunc f) {
    Verifier v = new Verifier();
    v.func(f);
    return List.copyOf(v.problems);
  }

  private void func(PrimFunc f) {
    for (Var s : f.sizeVars()) {
      bind(s, "size variable");
      sizeVars.add(s);
      if (!s.dtype().isInt()) problem("size variable " + s.name() + " has non-integer dtype " + s.dtype());
    }
    for (Buffer b : f.params()) declare(b, "parameter");
    stmt(f.body());
  }

  private void stmt(Stmt s) {
    switch (s) {
      case Seq q -> q.stmts().forEach(this::stmt);
      case Store st -> {
        useBuffer(st.buffer(), "store");
        indices(st.buffer(), st.indices(), "store");
        if (st.value().dtype() != st.buffer().dtype())
          problem("store of " + st.value().dtype() + " into " + st.buffer().dtype() + " buffer " + st.buffer().name());
        expr(st.value());
      }
      case LetStmt l -> {
        expr(l.value());
        scoped(l.var(), "let variable", () -> stmt(l.body()));
      }
      case IfThenElse i -> {
        expr(i.cond());
        stmt(i.then());
        if (i.otherwise() != null) stmt(i.otherwise());
      }
      case For f -> forStmt(f);
      case BlockRealize r -> realize(r);
      case IntrinsicCall c -> intrinsicCall(c);
    }
  }

  private void intrinsicCall(IntrinsicCall c) {
    for (Buffer b : c.buffers()) useBuffer(b, "intrinsic call");
    for (Expr a : c.args()) {
      expr(a);
      if (a.dtype() != DType.I32) problem("argument of intrinsic " + c.intrinsic() + " is " + a.dtype() + ", not i32");
    }
    String mismatch = dev.kiln.ir.tensorize.TensorIntrinsics.checkCall(c);
    if (mismatch != null) problem(mismatch);
  }

  private void forStmt(For f) {
    expr(f.min());
    expr(f.extent());
    String v = f.var().name();
    if (!f.var().dtype().isInt()) problem("loop variable " + v + " has non-integer dtype " + f.var().dtype());
    if (f.min().dtype() != f.var().dtype() || f.extent().dtype() != f.var().dtype())
      problem("bounds of loop " + v + " are " + f.min().dtype() + "/" + f.extent().dtype() + ", variable is " + f.var().dtype());
    if (f.kind() == ForKind.THREAD_BOUND && f.threadTag().isEmpty()) problem("loop " + v + " has an empty thread tag");
    loopKinds.put(f.var(), f.kind());
    scoped(f.var(), "loop variable", () -> stmt(f.body()));
    loopKinds.remove(f.var());
  }

  private void realize(BlockRealize r) {
    Block b = r.block();
    String name = "block " + b.name();
    if (r.iterValues().size() != b.iterVars().size())
      problem(name + " has " + b.iterVars().size() + " iteration variables but " + r.iterValues().size() + " values");
    for (int i = 0; i < Math.min(r.iterValues().size(), b.iterVars().size()); i++) {
      IterVar iv = b.iterVars().get(i);
      Expr value = r.iterValues().get(i);
      expr(value);
      expr(iv.dom().min());
      expr(iv.dom().extent());
      if (value.dtype() != iv.var().dtype() || iv.dom().min().dtype() != iv.var().dtype()
          || iv.dom().extent().dtype() != iv.var().dtype())
        problem(name + ": domain or value of iteration variable " + iv.var().name() + " differs from its dtype " + iv.var().dtype());
      if (iv.kind() == IterKind.REDUCE) {
        for (Var u : varsOf(value, new ArrayList<>())) {
          ForKind k = loopKinds.get(u);
          if (k == ForKind.PARALLEL || k == ForKind.VECTORIZED)
            problem(name + ": reduce iteration variable " + iv.var().name() + " is bound to " + k.text() + " loop variable " + u.name());
        }
      }
    }
    expr(r.predicate());
    Set<Var> outer = visible;
    visible = Collections.newSetFromMap(new IdentityHashMap<>());
    visible.addAll(sizeVars);
    visible.addAll(blockVars);
    int mark = blockVars.size();
    for (IterVar iv : b.iterVars()) {
      bind(iv.var(), "iteration variable");
      visible.add(iv.var());
      blockVars.add(iv.var());
    }
    for (Buffer a : b.allocs()) {
      declare(a, "allocation");
      for (Expr e : a.shape()) expr(e);
    }
    regions(b.reads(), name + " reads");
    regions(b.writes(), name + " writes");
    if (b.init() != null) stmt(b.init());
    stmt(b.body());
    b.allocs().forEach(buffers::remove);
    blockVars.subList(mark, blockVars.size()).clear();
    visible = outer;
  }

  private void regions(List<BufferRegion> rs, String where) {
    for (BufferRegion br : rs) {
      useBuffer(br.buffer(), where);
      if (br.region().size() != br.buffer().rank())
        problem(where + " " + br.buffer().name() + " with " + br.region().size() + " ranges, rank " + br.buffer().rank());
      for (Range rg : br.region()) {
        expr(rg.min());
        expr(rg.extent());
        if (rg.min().dtype() != DType.I32 || rg.extent().dtype() != DType.I32)
          problem(where + " " + br.buffer().name() + ": region bounds must be i32");
      }
    }
  }

  private void expr(Expr e) {
    switch (e) {
      case IntImm i -> { }
      case FloatImm f -> { }
      case Var v -> {
        if (!visible.contains(v)) problem("variable " + v.name() + " (" + v + ") is used out of scope");
      }
      case Load l -> {
        useBuffer(l.buffer(), "load");
        indices(l.buffer(), l.indices(), "load");
      }
      case Binary b -> {
        expr(b.a());
        expr(b.b());
      }
      case Unary u -> expr(u.a());
      case Select s -> {
        expr(s.cond());
        expr(s.t());
        expr(s.f());
      }
      case Cast c -> expr(c.value());
      case Call c -> {
        if (c.args().size() != 1 || c.args().get(0).dtype() != c.dtype())
          problem("call " + TirPrinter.print(c) + " must have one argument of its dtype " + c.dtype());
        c.args().forEach(this::expr);
      }
    }
  }

  private void indices(Buffer b, List<Expr> idx, String what) {
    if (idx.size() != b.rank()) problem(what + " of " + b.name() + " with " + idx.size() + " indices, rank " + b.rank());
    for (Expr i : idx) {
      expr(i);
      if (i.dtype() != DType.I32) problem(what + " of " + b.name() + " with " + i.dtype() + " index " + TirPrinter.print(i));
    }
  }

  private void useBuffer(Buffer b, String what) {
    if (!buffers.contains(b)) problem(what + " of buffer " + b.name() + " that is neither a parameter nor allocated by an enclosing block");
  }

  private void declare(Buffer b, String what) {
    if (!declared.add(b)) problem("buffer " + b.name() + " is declared twice (again as " + what + ")");
    buffers.add(b);
    for (Expr e : b.shape()) {
      expr(e);
      if (e.dtype() != DType.I32) problem("shape of " + b.name() + " has a " + e.dtype() + " extent");
    }
  }

  private void bind(Var v, String what) {
    if (!bound.add(v)) problem("variable " + v.name() + " (" + v + ") is bound twice (again as " + what + ")");
    visible.add(v);
  }

  private void scoped(Var v, String what, Runnable body) {
    bind(v, what);
    body.run();
    visible.remove(v);
  }

  private void problem(String p) { problems.add(p); }

  /** The variables an expression uses, each once (by identity). */
  private static List<Var> varsOf(Expr e, List<Var> out) {
    switch (e) {
      case Var v -> {
        if (out.stream().noneMatch(u -> u == v)) out.add(v);
      }
      case IntImm i -> { }
      case FloatImm f -> { }
      case Load l -> l.indices().forEach(i -> varsOf(i, out));
      case Binary b -> {
        varsOf(b.a(), out);
        varsOf(b.b(), out);
      }
      case Unary u -> varsOf(u.a(), out);
      case Select s -> {
        varsOf(s.cond(), out);
        varsOf(s.t(), out);
        varsOf(s.f(), out);
      }
      case Cast c -> varsOf(c.value(), out);
      case Call c -> c.args().forEach(a -> varsOf(a, out));
    }
    return out;
  }
}

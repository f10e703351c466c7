package dev.kiln.backend.jvm;

import dev.kiln.ir.interp.ScalarOps;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tensorize.TensorIntrinsic;
import dev.kiln.ir.tensorize.TensorIntrinsics;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Substitute;
import dev.kiln.ir.tir.util.IrQuery;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the class for one PrimFunc: {@code invoke(Object[] arrays, int[] sizes)} unpacks each
 * parameter array into a typed local and each size variable into an int local, then runs the
 * body translated statement by statement:
 * <ul>
 *   <li>serial loops become {@code for} loops over locals holding min and min+extent, first
 *       narrowed by the bounds a block predicate puts on the loop variable ({@link LoopBounds});
 *       innermost ones index arrays through row offsets hoisted before the loop
 *       ({@link OffsetHoisting}); VECTORIZED loops use the Vector API when the options allow and
 *       the loop has that form ({@link VectorLoopEmitter}), else they are serial loops; an
 *       UNROLLED loop with a constant extent of at most {@value #MAX_UNROLL} is emitted once per
 *       iteration; THREAD_BOUND loops are rejected;</li>
 *   <li>a PARALLEL loop becomes {@code KilnPool.parallelFor(lo, hi, task)} (the runtime's shared
 *       pool, which splits the range into about one chunk per thread), where {@code task} is a fresh
 *       instance of the kernel class itself (it also implements {@code RangeTask}) whose fields hold
 *       every local visible at the loop and whose {@code run(lo, hi)} dispatches on a loop id to a
 *       private method looping over the chunk;</li>
 *   <li>a block realize binds its iter vars to locals, tests the predicate, allocates its buffers
 *       zeroed, runs init when every REDUCE iter var equals its domain min, then the body.</li>
 * </ul>
 * Helper math is copied from {@link ScalarOps}, so results are bit-identical to the interpreter
 * (except where {@link JvmOptions#fma} fuses a multiply-add in vector code).
 */
final class KernelCodegen {
  static final int MAX_UNROLL = 16;
  private static final String LOOP_FIELD = "kilnLoop";

  private final String className;
  private final JvmOptions options;
  private final Scope.Names names = new Scope.Names();
  private final Set<String> helpers = new LinkedHashSet<>();
  private final Map<String, String> captureFields = new LinkedHashMap<>();
  private final List<String> parallelBodies = new ArrayList<>();
  /** Hoisted offsets of the innermost loop being emitted (see {@link OffsetHoisting}). */
  private final Map<Buffer, Map<List<Expr>, String>> offsets = new IdentityHashMap<>();

  private KernelCodegen(String className, JvmOptions options) {
    this.className = className;
    this.options = options;
  }

  /** The class spec of {@code f} under the binary name {@code className}. */
  static ClassSpec generate(PrimFunc f, String className, JvmOptions options) {
    return new KernelCodegen(className, options).run(f);
  }

  private ClassSpec run(PrimFunc f) {
    Scope scope = Scope.root(names);
    SourceWriter w = new SourceWriter().open("public void invoke(Object[] arrays, int[] sizes)");
    List<Buffer> params = f.params();
    for (int i = 0; i < params.size(); i++) {
      Buffer b = params.get(i);
      String type = JavaSyntax.arrayType(b.dtype());
      w.line(type + " " + scope.declare(b) + " = (" + type + ") arrays[" + i + "];");
    }
    for (int i = 0; i < f.sizeVars().size(); i++) {
      Var v = f.sizeVars().get(i);
      w.line(JavaSyntax.valueType(v.dtype()) + " " + scope.declare(v) + " = sizes[" + i + "];");
    }
    stmt(f.body(), scope, w);
    String invoke = w.close().toString();

    List<String> interfaces = new ArrayList<>(List.of("dev.kiln.runtime.Kernel"));
    List<ClassSpec.Field> fields = new ArrayList<>();
    List<String> methods = new ArrayList<>(parallelBodies);
    if (!parallelBodies.isEmpty()) {
      interfaces.add("dev.kiln.runtime.parallel.RangeTask");
      fields.add(new ClassSpec.Field("int", LOOP_FIELD));
      captureFields.forEach((name, type) -> fields.add(new ClassSpec.Field(type, name)));
      methods.add(acceptMethod());
    }
    methods.add(invoke);
    return new ClassSpec(className, interfaces, fields, copiedHelpers(), methods);
  }

  private List<ClassSpec.CopiedMethod> copiedHelpers() {
    Set<String> all = new LinkedHashSet<>();
    for (String h : helpers) {
      all.addAll(ScalarOps.dependencies(h));
      all.add(h);
    }
    List<ClassSpec.CopiedMethod> out = new ArrayList<>();
    for (String h : all) out.add(new ClassSpec.CopiedMethod(ScalarOps.class, h));
    return out;
  }

  private String acceptMethod() {
    SourceWriter w = new SourceWriter().open("public void run(int lo, int hi)");
    for (int id = 0; id < parallelBodies.size(); id++)
      w.open("if (this." + LOOP_FIELD + " == " + id + ")").line("this.parallel" + id + "(lo, hi);").line("return;").close();
    w.line("throw new IllegalStateException(\"not a parallel loop task\");");
    return w.close().toString();
  }

  private void stmt(Stmt s, Scope scope, SourceWriter w) {
    switch (s) {
      case Seq q -> { for (Stmt x : q.stmts()) stmt(x, scope, w); }
      case Store st -> store(st, scope, w);
      case IfThenElse ite -> {
        w.open("if (" + expr(ite.cond(), scope) + ")");
        stmt(ite.then(), scope.child(), w);
        if (ite.otherwise() != null) {
          w.close().open("else");
          stmt(ite.otherwise(), scope.child(), w);
        }
        w.close();
      }
      case LetStmt let -> {
        String value = expr(let.value(), scope);
        Scope inner = scope.child();
        w.open("").line(JavaSyntax.valueType(let.var().dtype()) + " " + inner.declare(let.var()) + " = " + value + ";");
        stmt(let.body(), inner, w);
        w.close();
      }
      case For f -> loop(f, scope, w);
      case BlockRealize br -> block(br, scope, w);
      case IntrinsicCall c -> intrinsicCall(c, scope, w);
    }
  }

  /**
   * A tensorized nest: one call of the intrinsic's runtime implementation, a static method of
   * {@value #INTRINSICS} taking the whole arrays, then the i32 arguments, in description order.
   */
  private void intrinsicCall(IntrinsicCall c, Scope scope, SourceWriter w) {
    TensorIntrinsic t = TensorIntrinsics.get(c.intrinsic());
    if (t == null) throw new IllegalStateException("unknown intrinsic " + c.intrinsic());
    List<String> args = new ArrayList<>();
    for (Buffer b : c.buffers()) args.add(scope.buffer(b));
    for (Expr e : c.args()) args.add(expr(e, scope));
    w.line(INTRINSICS + "." + t.implementation() + "(" + String.join(", ", args) + ");");
  }

  private String expr(Expr e, Scope scope) { return new ExprCodegen(scope, helpers, offsets).gen(e); }

  static final String INTRINSICS = "dev.kiln.runtime.intrinsics.Intrinsics";

  private void store(Store st, Scope scope, SourceWriter w) {
    ExprCodegen g = new ExprCodegen(scope, helpers, offsets);
    String value = g.gen(st.value());
    value = switch (st.buffer().dtype()) {
      case I8, U8 -> "(byte) " + value;
      case I16 -> "(short) " + value;
      default -> value;
    };
    w.line(scope.buffer(st.buffer()) + "[" + g.offset(st.buffer(), st.indices()) + "] = " + value + ";");
  }

  private void loop(For f, Scope scope, SourceWriter w) {
    if (f.kind() == ForKind.THREAD_BOUND)
      throw new UnsupportedOperationException("thread-bound loop " + f.var().name() + " (" + f.threadTag()
          + ") is not supported on the jvm backend");
    Scope outer = scope.child();
    String lo = outer.fresh(f.var().name() + "_lo");
    w.open("").line("int " + lo + " = " + expr(f.min(), scope) + ";");
    if (f.kind() == ForKind.UNROLLED && f.extent() instanceof IntImm n && n.value() <= MAX_UNROLL) {
      for (long k = 0; k < n.value(); k++) {
        Scope it = outer.child();
        w.open("").line("int " + it.declare(f.var()) + " = " + lo + " + " + k + ";");
        stmt(f.body(), it, w);
        w.close();
      }
      w.close();
      return;
    }
    String hi = outer.fresh(f.var().name() + "_hi");
    w.line("int " + hi + " = " + lo + " + " + expr(f.extent(), scope) + ";");
    if (f.kind() == ForKind.PARALLEL) parallel(f, outer, lo, hi, w);
    else if (f.kind() != ForKind.VECTORIZED || !vectorized(f, outer, lo, hi, w)) {
      if (f.kind() == ForKind.SERIAL && options.vectorApi() && options.relaxedFloat() && reduced(f, outer, lo, hi, w)) {
        w.close();
        return;
      }
      Stmt loopBody = narrowed(f, outer, lo, hi, w);
      Scope body = outer.child();
      String v = body.declare(f.var());
      Map<Buffer, Map<List<Expr>, String>> hoisted = OffsetHoisting.hoist(f, loopBody, outer, v, helpers, w);
      offsets.putAll(hoisted);
      w.open("for (int " + v + " = " + lo + "; " + v + " < " + hi + "; " + v + "++)");
      stmt(loopBody, body, w);
      w.close();
      for (Buffer b : hoisted.keySet()) offsets.remove(b);
    }
    w.close();
  }

  /**
   * For a loop whose body is a block realize with a predicate that bounds the loop variable (a
   * split's tail guard, see {@link LoopBounds}), narrows {@code [lo, hi)} to the admitted
   * iterations (emitting the assignments) and returns the body with only the other conjuncts left
   * in its predicate; else returns the body unchanged. Only when every conjunct is exception-free,
   * so skipping their evaluation changes nothing.
   */
  private Stmt narrowed(For f, Scope scope, String lo, String hi, SourceWriter w) {
    if (!(f.body() instanceof BlockRealize br) || br.predicate() instanceof IntImm) return f.body();
    LoopBounds.Split split = LoopBounds.of(Substitute.expr(br.predicate(), IrQuery.bindings(br)), f.var());
    if (!split.hasBounds() || !split.rest().stream().allMatch(Affine::safe)) return f.body();
    for (Expr e : split.lowers()) w.line(lo + " = Math.max(" + lo + ", " + expr(e, scope) + ");");
    for (Expr e : split.uppers()) w.line(hi + " = Math.min(" + hi + ", " + expr(e, scope) + ");");
    return new BlockRealize(br.iterValues(), split.restPredicate(), br.block());
  }

  /** Emits a serial f32 reduction loop a vector at a time when it has that form ({@link VectorReduction}). */
  private boolean reduced(For f, Scope scope, String lo, String hi, SourceWriter w) {
    try {
      VectorReduction.emit(f, scope, lo, hi, helpers, w);
      return true;
    } catch (VectorLoop.NotVectorizable e) {
      return false;
    }
  }

  /** Emits {@code f} with the Vector API when the options allow and the loop has that form; else returns false. */
  private boolean vectorized(For f, Scope scope, String lo, String hi, SourceWriter w) {
    if (!options.vectorApi()) {
      VectorSupport.noteScalarFallback();
      return false;
    }
    try {
      VectorLoopEmitter.emit(f, scope, lo, hi, helpers, options.relaxedFloat(), w, (s, out) -> stmt(f.body(), s, out));
      return true;
    } catch (VectorLoop.NotVectorizable e) {
      w.line("// vectorized loop " + f.var().name() + " runs as scalar code: " + e.getMessage());
      return false;
    }
  }

  /**
   * Emits the task launch here and the loop over one chunk as method {@code parallelN(int, int)},
   * which reads the captured locals back from the task's fields once per chunk.
   */
  private void parallel(For f, Scope scope, String lo, String hi, SourceWriter w) {
    int id = parallelBodies.size();
    parallelBodies.add(null); // reserve the id; nested parallel loops take later ids
    String task = scope.fresh("task");
    w.line(className + " " + task + " = new " + className + "();");
    w.line(task + "." + LOOP_FIELD + " = " + id + ";");
    Scope inner = scope.flattened();
    SourceWriter m = new SourceWriter();
    String from = inner.fresh("from"), to = inner.fresh("to");
    m.open("private void parallel" + id + "(int " + from + ", int " + to + ")");
    for (Scope.Local l : scope.locals()) {
      String field = "c_" + l.name();
      captureFields.put(field, l.type());
      w.line(task + "." + field + " = " + l.name() + ";");
      m.line(l.type() + " " + l.name() + " = this." + field + ";");
    }
    w.line("dev.kiln.runtime.parallel.KilnPool.parallelFor(" + lo + ", " + hi + ", " + task + ");");
    Scope body = inner.child();
    String iv = body.declare(f.var());
    m.open("for (int " + iv + " = " + from + "; " + iv + " < " + to + "; " + iv + "++)");
    stmt(f.body(), body, m);
    m.close();
    parallelBodies.set(id, m.close().toString());
  }

  private void block(BlockRealize br, Scope scope, SourceWriter w) {
    Block b = br.block();
    Scope inner = scope.child();
    w.open("").line("// block " + b.name());
    List<String> ivNames = new ArrayList<>();
    for (int k = 0; k < b.iterVars().size(); k++) {
      Var v = b.iterVars().get(k).var();
      String value = expr(br.iterValues().get(k), scope);
      String name = inner.declare(v);
      ivNames.add(name);
      w.line(JavaSyntax.valueType(v.dtype()) + " " + name + " = " + value + ";");
    }
    boolean guarded = !(br.predicate() instanceof IntImm p && p.value() != 0);
    if (guarded) w.open("if (" + expr(br.predicate(), inner) + ")");
    for (Buffer a : b.allocs()) {
      String size = allocSize(a, inner);
      w.line(JavaSyntax.arrayType(a.dtype()) + " " + inner.declare(a) + " = new "
          + JavaSyntax.arrayType(a.dtype()).replace("[]", "[" + size + "]") + ";");
    }
    if (b.init() != null) {
      List<String> atMin = new ArrayList<>();
      for (int k = 0; k < b.iterVars().size(); k++) {
        IterVar iv = b.iterVars().get(k);
        if (iv.kind() == IterKind.REDUCE) atMin.add(ivNames.get(k) + " == " + expr(iv.dom().min(), inner));
      }
      w.open("if (" + (atMin.isEmpty() ? "true" : String.join(" && ", atMin)) + ")");
      stmt(b.init(), inner.child(), w);
      w.close();
    }
    stmt(b.body(), inner.child(), w);
    if (guarded) w.close();
    w.close();
  }

  private String allocSize(Buffer a, Scope scope) {
    if (a.rank() == 0) return "1";
    List<String> dims = new ArrayList<>();
    for (Expr d : a.shape()) dims.add(expr(d, scope));
    return String.join(" * ", dims);
  }
}

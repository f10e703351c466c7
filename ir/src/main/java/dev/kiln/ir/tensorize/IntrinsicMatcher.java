package dev.kiln.ir.tensorize;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the loop nest rooted at a loop against a {@link TensorIntrinsic}'s description and builds
 * the {@link IntrinsicCall} that computes the same thing (TensorIR's tensorize, with descriptions
 * whose extents, offsets and strides are parameters).
 *
 * <p>Algorithm:
 * <ol>
 *   <li>The loop must head a perfect nest of serial loops from 0, with extents free of the nest's
 *       variables, around exactly one block that runs unguarded and allocates nothing. The same is
 *       read off the description.</li>
 *   <li>Both blocks' iteration variables are replaced by their bindings, so both bodies are in terms
 *       of loop variables. The bodies must have the same tree: a store, then loads, arithmetic,
 *       casts, constants; each ordering of the operands of {@code +} and {@code *} is tried
 *       ({@link Commuted}) until one passes every later step. Description buffers bind
 *       one-to-one to actual buffers of the same element type; every access is recorded.</li>
 *   <li>Each access's flat row-major offset is put in {@link LinearForm} over the nest's loops (the
 *       description's are already flat). A loop's <em>role</em> is the set of accesses whose offset
 *       it moves; every description axis must match exactly one actual loop with the same role and
 *       every actual loop one axis.</li>
 *   <li>The description's scalar parameters are solved: an extent from the matched loop's extent, an
 *       offset from the access's constant part, a stride from the matched loop's coefficient (a
 *       constant stride in the description, e.g. 1 for a contiguous axis, must be provably equal).
 *       A parameter met twice must get the same value.</li>
 *   <li>A reduction's init: none gives {@code acc = 1}; a zero store to the updated element gives
 *       {@code acc = 0} where every reduction iteration variable starts its domain when the nest's
 *       reduction loop is 0 (a condition on the loops outside the nest), else 1. An intrinsic
 *       without {@code acc} rejects a block with an init (decompose_reduction first).</li>
 * </ol>
 * Any failure throws {@link TensorizeMismatch} with the reason.
 */
public final class IntrinsicMatcher {
  private static final IntImm ZERO = new IntImm(DType.I32, 0);
  /** At most this many orderings of a block's commutative operands are tried. */
  private static final int MAX_VARIANTS = 64;

  private final TensorIntrinsic intrinsic;
  private final Map<Buffer, Buffer> buffers = new IdentityHashMap<>();
  private final List<Access> descAccesses = new ArrayList<>();
  private final List<Access> actualAccesses = new ArrayList<>();
  private final Map<Var, Expr> params = new IdentityHashMap<>();
  /** Set once the store's tree matched, so later failures explain roles and strides. */
  private boolean sameTree;

  private record Access(Buffer buffer, Expr flatIndex) {}

  private record Nest(List<For> loops, BlockRealize realize) {
    List<Var> vars() { return loops.stream().map(For::var).toList(); }
  }

  private IntrinsicMatcher(TensorIntrinsic intrinsic) { this.intrinsic = intrinsic; }

  /** The call that replaces {@code loop}'s nest, or a {@link TensorizeMismatch} saying why none does. */
  public static IntrinsicCall match(For loop, TensorIntrinsic intrinsic) {
    Nest actual = nest(loop, true);
    Block ab = actual.realize.block();
    if (!(bound(actual.realize, ab.body()) instanceof Store as))
      throw new TensorizeMismatch("block `" + ab.name() + "`'s body is not a single store");
    TensorizeMismatch reason = null;
    boolean reasonFromTree = false;
    for (Expr value : Commuted.variants(as.value(), MAX_VARIANTS)) {
      IntrinsicMatcher m = new IntrinsicMatcher(intrinsic);
      try {
        return m.run(actual, new Store(as.buffer(), as.indices(), value));
      } catch (TensorizeMismatch e) {
        if (reason == null || (m.sameTree && !reasonFromTree)) {
          reason = e;
          reasonFromTree = m.sameTree;
        }
      }
    }
    throw reason;
  }

  private IntrinsicCall run(Nest actual, Store as) {
    Nest desc = descriptionNest();
    Block ab = actual.realize.block();
    Block db = desc.realize.block();
    Store ds = (Store) bound(desc.realize, db.body());
    if (!store(ds, as))
      throw new TensorizeMismatch("block `" + ab.name() + "` computes `" + render(as) + "`, which is not the form of "
          + intrinsic.name() + " (" + intrinsic.summary() + ")");
    sameTree = true;
    List<LinearForm> df = forms(descAccesses, desc.vars(), "description");
    List<LinearForm> af = forms(actualAccesses, actual.vars(), "block");
    Map<Var, For> axisOf = roles(desc, actual, df, af);
    solveAccesses(desc, axisOf, df, af);
    for (For dl : desc.loops) bind(dl.extent(), axisOf.get(dl.var()).extent(), "the extent of loop `" + axisOf.get(dl.var()).var().name() + "`");
    solveInit(desc, actual, ab, axisOf);
    List<Expr> args = new ArrayList<>();
    for (Var s : intrinsic.scalars()) {
      Expr v = params.get(s);
      if (v == null) throw new InternalCompilerError("tensorize left parameter " + s.name() + " of " + intrinsic.name() + " unsolved");
      args.add(Simplify.expr(v));
    }
    List<Buffer> bufs = intrinsic.buffers().stream().map(buffers::get).toList();
    return new IntrinsicCall(intrinsic.name(), bufs, args);
  }

  private Nest descriptionNest() {
    Stmt s = intrinsic.description().body();
    if (s instanceof BlockRealize root && root.block().iterVars().isEmpty()) s = root.block().body();
    return nest((For) s, false);
  }

  private static Nest nest(For loop, boolean check) {
    List<For> loops = new ArrayList<>();
    Stmt s = loop;
    while (s instanceof For f) {
      loops.add(f);
      s = f.body();
    }
    if (!(s instanceof BlockRealize br))
      throw new TensorizeMismatch("the loops from `" + loop.var().name() + "` down do not hold exactly one block in a perfect nest");
    if (check) {
      List<Var> vars = loops.stream().map(For::var).toList();
      for (For f : loops) {
        if (f.kind() != ForKind.SERIAL)
          throw new TensorizeMismatch("loop `" + f.var().name() + "` is " + f.kind().text() + "; the nest to tensorize must be serial");
        if (!Simplify.isConst(f.min(), 0)) throw new TensorizeMismatch("loop `" + f.var().name() + "` does not start at 0");
        for (Var v : vars)
          if (FreeVars.uses(f.extent(), v))
            throw new TensorizeMismatch("the extent of loop `" + f.var().name() + "` depends on loop `" + v.name() + "`");
      }
      if (!(br.predicate() instanceof IntImm t && t.value() == 1))
        throw new TensorizeMismatch("block `" + br.block().name() + "` runs under a predicate (a split tail guard)");
      if (!br.block().allocs().isEmpty()) throw new TensorizeMismatch("block `" + br.block().name() + "` allocates buffers");
    }
    return new Nest(loops, br);
  }

  /** {@code s} with the block's iteration variables replaced by their bindings. */
  private static Stmt bound(BlockRealize br, Stmt s) {
    return Substitute.stmt(s, IrQuery.bindings(br));
  }

  // ---- step 2: the tree ----

  private boolean store(Store d, Store a) {
    return bindBuffer(d.buffer(), a.buffer()) && access(d.buffer(), d.indices(), a.buffer(), a.indices()) && expr(d.value(), a.value());
  }

  private boolean bindBuffer(Buffer d, Buffer a) {
    if (d.dtype() != a.dtype()) return false;
    Buffer old = buffers.get(d);
    if (old != null) return old == a;
    if (buffers.containsValue(a)) return false;
    buffers.put(d, a);
    return true;
  }

  private boolean access(Buffer d, List<Expr> dIdx, Buffer a, List<Expr> aIdx) {
    descAccesses.add(new Access(d, dIdx.get(0)));
    actualAccesses.add(new Access(a, flat(a, aIdx)));
    return true;
  }

  private static Expr flat(Buffer b, List<Expr> idx) {
    Expr off = ZERO;
    for (int d = 0; d < idx.size(); d++) off = new Binary(BinOp.ADD, new Binary(BinOp.MUL, off, b.shape().get(d)), idx.get(d));
    return off;
  }

  private boolean expr(Expr d, Expr a) {
    return switch (d) {
      case Load dl -> a instanceof Load al && bindBuffer(dl.buffer(), al.buffer()) && access(dl.buffer(), dl.indices(), al.buffer(), al.indices());
      case Binary db -> a instanceof Binary ab && db.op() == ab.op() && db.dtype() == ab.dtype() && binary(db, ab);
      case Cast dc -> a instanceof Cast ac && dc.dtype() == ac.dtype() && expr(dc.value(), ac.value());
      case FloatImm df -> a instanceof FloatImm af && df.dtype() == af.dtype() && df.value() == af.value();
      case IntImm di -> a instanceof IntImm ai && di.dtype() == ai.dtype() && di.value() == ai.value();
      case Unary du -> a instanceof Unary au && du.op() == au.op() && expr(du.a(), au.a());
      case Call dc -> a instanceof Call ac && dc.function().equals(ac.function()) && exprs(dc.args(), ac.args());
      case Select dsel -> a instanceof Select as && expr(dsel.cond(), as.cond()) && expr(dsel.t(), as.t()) && expr(dsel.f(), as.f());
      default -> false;
    };
  }

  private boolean exprs(List<Expr> d, List<Expr> a) {
    if (d.size() != a.size()) return false;
    for (int i = 0; i < d.size(); i++) if (!expr(d.get(i), a.get(i))) return false;
    return true;
  }

  private boolean binary(Binary d, Binary a) { return expr(d.a(), a.a()) && expr(d.b(), a.b()); }

  // ---- step 3: roles ----

  private Map<Var, For> roles(Nest desc, Nest actual, List<LinearForm> df, List<LinearForm> af) {
    Map<Var, For> axisOf = new IdentityHashMap<>();
    Map<For, Var> taken = new IdentityHashMap<>();
    for (For dl : desc.loops) {
      Set<Integer> role = role(df, dl.var());
      List<For> same = actual.loops.stream().filter(l -> role(af, l.var()).equals(role)).toList();
      if (same.isEmpty())
        throw new TensorizeMismatch("no loop of the nest indexes " + describe(role) + " as axis `" + dl.var().name() + "` of "
            + intrinsic.name() + " does");
      if (same.size() > 1)
        throw new TensorizeMismatch("loops " + names(same) + " all play the role of axis `" + dl.var().name() + "` of "
            + intrinsic.name() + "; fuse them first");
      axisOf.put(dl.var(), same.get(0));
      taken.put(same.get(0), dl.var());
    }
    for (For l : actual.loops)
      if (!taken.containsKey(l)) {
        Set<Integer> role = role(af, l.var());
        throw new TensorizeMismatch("loop `" + l.var().name() + "` " + (role.isEmpty() ? "indexes no buffer" : "indexes " + describe(role))
            + ", which no axis of " + intrinsic.name() + " does");
      }
    return axisOf;
  }

  private static List<LinearForm> forms(List<Access> accesses, List<Var> vars, String where) {
    List<LinearForm> out = new ArrayList<>();
    for (Access a : accesses) {
      LinearForm f = LinearForm.of(a.flatIndex(), vars);
      if (f == null) {
        if (where.equals("description")) throw new InternalCompilerError("description index is not linear: " + a.flatIndex());
        throw new TensorizeMismatch("the index of `" + a.buffer().name() + "` is not affine in the loops of the nest");
      }
      out.add(f);
    }
    return out;
  }

  private static Set<Integer> role(List<LinearForm> forms, Var v) {
    Set<Integer> s = new LinkedHashSet<>();
    for (int i = 0; i < forms.size(); i++) if (forms.get(i).uses(v)) s.add(i);
    return s;
  }

  private String describe(Set<Integer> role) {
    List<String> names = new ArrayList<>();
    for (int i : role) {
      String n = "`" + actualAccesses.get(i).buffer().name() + "`";
      if (!names.contains(n)) names.add(n);
    }
    return String.join(", ", names);
  }

  private static String names(List<For> loops) {
    return String.join(", ", loops.stream().map(l -> "`" + l.var().name() + "`").toList());
  }

  // ---- step 4: parameters ----

  private void solveAccesses(Nest desc, Map<Var, For> axisOf, List<LinearForm> df, List<LinearForm> af) {
    for (int k = 0; k < df.size(); k++) {
      String buf = "`" + actualAccesses.get(k).buffer().name() + "`";
      bind(df.get(k).constantPart(), af.get(k).constantPart(), "the offset of " + buf);
      for (For dl : desc.loops) {
        For al = axisOf.get(dl.var());
        bind(df.get(k).coefficient(dl.var()), af.get(k).coefficient(al.var()),
            "the stride of " + buf + " along loop `" + al.var().name() + "`");
      }
    }
  }

  /** Unifies a description expression (a parameter or a constant) with an actual value. */
  private void bind(Expr desc, Expr actual, String what) {
    Expr value = Simplify.expr(actual);
    if (desc instanceof Var p && intrinsic.scalars().contains(p)) {
      Expr old = params.get(p);
      if (old == null) params.put(p, value);
      else if (!Simplify.isConst(new Binary(BinOp.SUB, old, value), 0))
        throw new TensorizeMismatch(what + " is " + TirPrinter.print(value) + ", but " + intrinsic.name() + " needs it equal to "
            + TirPrinter.print(old) + " (its parameter `" + p.name() + "`)");
    } else if (desc instanceof IntImm c) {
      if (!Simplify.isConst(new Binary(BinOp.SUB, value, c), 0))
        throw new TensorizeMismatch(what + " is " + TirPrinter.print(value) + "; " + intrinsic.name() + " needs " + c.value());
    } else {
      throw new InternalCompilerError("description term " + desc + " of " + intrinsic.name() + " is neither a parameter nor a constant");
    }
  }

  // ---- step 5: init ----

  private void solveInit(Nest desc, Nest actual, Block ab, Map<Var, For> axisOf) {
    Var acc = intrinsic.accumulateFlag();
    if (ab.init() == null) {
      if (acc != null) params.put(acc, new IntImm(DType.I32, 1));
      return;
    }
    if (acc == null)
      throw new TensorizeMismatch("block `" + ab.name() + "` has an init (it starts a reduction), which " + intrinsic.name()
          + " does not do; decompose_reduction first");
    Stmt init = bound(actual.realize, ab.init());
    Store body = (Store) bound(actual.realize, ab.body());
    if (!(init instanceof Store is) || is.buffer() != body.buffer() || !sameIndices(is.indices(), body.indices()) || !isZero(is.value()))
      throw new TensorizeMismatch("block `" + ab.name() + "`'s init is not a zero store to the element it updates");
    For reduceLoop = null;
    for (For dl : desc.loops)
      if (isReduceAxis(desc.realize, dl.var())) reduceLoop = axisOf.get(dl.var());
    List<Var> nestVars = actual.vars();
    Expr starts = new IntImm(DType.BOOL, 1);
    List<IterVar> ivs = ab.iterVars();
    for (int i = 0; i < ivs.size(); i++) {
      IterVar iv = ivs.get(i);
      if (iv.kind() != IterKind.REDUCE) continue;
      LinearForm f = LinearForm.of(actual.realize.iterValues().get(i), nestVars);
      if (f == null) throw new TensorizeMismatch("reduction variable `" + iv.var().name() + "` is not bound affinely to the nest's loops");
      for (Var v : nestVars) {
        if (!f.uses(v)) continue;
        if (reduceLoop == null || v != reduceLoop.var())
          throw new TensorizeMismatch("reduction variable `" + iv.var().name() + "` depends on loop `" + v.name()
              + "`, which is not the nest's reduction loop");
        if (!(f.coefficient(v) instanceof IntImm c && c.value() > 0))
          throw new TensorizeMismatch("reduction variable `" + iv.var().name() + "` does not grow with loop `" + v.name() + "`");
      }
      starts = new Binary(BinOp.AND, starts, new Binary(BinOp.EQ, f.constantPart(), iv.dom().min()));
    }
    Expr s = Simplify.expr(starts);
    Expr flag = s instanceof IntImm t ? new IntImm(DType.I32, t.value() == 1 ? 0 : 1)
        : new Select(s, new IntImm(DType.I32, 0), new IntImm(DType.I32, 1));
    params.put(acc, flag);
  }

  /** Whether the description block binds a reduction iteration variable to loop {@code v}. */
  private static boolean isReduceAxis(BlockRealize br, Var v) {
    List<IterVar> ivs = br.block().iterVars();
    for (int i = 0; i < ivs.size(); i++)
      if (ivs.get(i).kind() == IterKind.REDUCE && br.iterValues().get(i) == v) return true;
    return false;
  }

  private static boolean sameIndices(List<Expr> a, List<Expr> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++)
      if (!Simplify.isConst(new Binary(BinOp.SUB, a.get(i), b.get(i)), 0)) return false;
    return true;
  }

  private static boolean isZero(Expr e) {
    return (e instanceof FloatImm f && f.value() == 0) || (e instanceof IntImm i && i.value() == 0);
  }

  private static String render(Store s) { return TirPrinter.print(s).strip(); }
}

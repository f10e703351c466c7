package dev.kiln.frontend.op;

import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers one instantiation of an op (its attribute values fixed) to a {@link PrimFunc}.
 *
 * <p>The op is checked again with the actual attribute values (so the bounds proof holds for
 * them), then: one i32 size Var per dimension (in order of first appearance in the inputs);
 * input and output buffers named as in the source, shapes over the size Vars with attributes
 * substituted; a root block (no iter vars, named {@code root}) that allocates the intermediates
 * and runs one loop nest per statement in source order. A statement's nest has serial loops
 * over its spatial variables (left-hand order), then its reduction variables, loop Vars named
 * like the index variables; inside, a block named like the target with one iter var per loop
 * ({@code v} + name; spatial S or reduce R; domain = the loop's range) bound to the loop Vars.
 * The block body writes {@code T[vi, ..] = value} for {@code =}, or combines the old value with
 * the new one ({@code +}, {@code *}, {@code max}, {@code min}) after an {@code init} that stores
 * the reduction's identity (0, 1, -inf or the type's minimum, +inf or the type's maximum).
 * Reads: for each buffer read, the point accessed when all its accesses agree, else the whole
 * buffer; writes: the point {@code T[vi, ..]}.
 */
public final class OpLowering {
  private final OpInfo info;
  private final Map<String, Var> sizes = new LinkedHashMap<>();
  private final Map<String, Buffer> buffers = new LinkedHashMap<>();
  private TirExprBuilder exprs;

  private OpLowering(OpInfo info) { this.info = info; }

  /**
   * Checks and lowers {@code op} with attribute values (Long, Double, Boolean by attribute name;
   * defaults fill the rest). Throws a KilnException for a wrong op or wrong attributes.
   */
  public static PrimFunc lower(OpDecl op, Map<String, Object> attrs) {
    Map<String, Object> values = AttrValues.resolve(op, attrs);
    return new OpLowering(OpChecker.analyze(op, values)).build();
  }

  private PrimFunc build() {
    for (String d : info.dims()) sizes.put(d, Var.index(d));
    exprs = new TirExprBuilder(sizes, info.attrValues(), buffers, Map.of());
    List<Buffer> inputs = buffers(info.inputs());
    List<Buffer> outputs = buffers(info.outputs());
    List<Buffer> allocs = buffers(info.intermediates());
    List<Stmt> nests = new ArrayList<>();
    for (StmtInfo s : info.stmts()) nests.add(nest(s));
    Block root = new Block("root", List.of(), List.of(), List.of(), null, Seq.of(nests), allocs);
    Stmt body = new BlockRealize(List.of(), BlockRealize.TRUE, root);
    return new PrimFunc(info.name(), inputs, outputs, new ArrayList<>(sizes.values()), body);
  }

  private List<Buffer> buffers(List<TensorInfo> tensors) {
    List<Buffer> out = new ArrayList<>();
    for (TensorInfo t : tensors) {
      List<Expr> shape = new ArrayList<>();
      for (TExpr d : t.shape()) shape.add(exprs.build(d));
      Buffer b = new Buffer(t.name(), t.dtype(), shape);
      buffers.put(t.name(), b);
      out.add(b);
    }
    return out;
  }

  private Stmt nest(StmtInfo s) {
    List<IndexVarInfo> vars = new ArrayList<>(s.spatial());
    vars.addAll(s.reduce());
    List<Var> loops = new ArrayList<>();
    List<IterVar> iters = new ArrayList<>();
    Map<String, Var> iterOf = new LinkedHashMap<>();
    List<Range> ranges = new ArrayList<>();
    for (IndexVarInfo v : vars) {
      Var loop = Var.index(v.name());
      Var iter = Var.index("v" + v.name());
      Range r = new Range(exprs.build(v.min()), exprs.build(v.extent()));
      loops.add(loop);
      ranges.add(r);
      iters.add(new IterVar(iter, r, v.kind()));
      iterOf.put(v.name(), iter);
    }
    TirExprBuilder body = exprs.withIndexVars(iterOf);
    Buffer target = buffers.get(s.target());
    List<Expr> at = new ArrayList<>();
    List<Range> point = new ArrayList<>();
    for (IndexVarInfo v : s.spatial()) {
      at.add(iterOf.get(v.name()));
      point.add(new Range(iterOf.get(v.name()), Expr.i32(1)));
    }
    Expr value = body.build(s.value());
    Stmt init = null;
    Stmt update;
    if (s.isReduction()) {
      init = new Store(target, at, identity(s.op(), target.dtype()));
      update = new Store(target, at, new Binary(combiner(s.op()), new Load(target, at), value));
    } else {
      update = new Store(target, at, value);
    }
    Block block = new Block(s.target(), iters, reads(s.value(), body), List.of(new BufferRegion(target, point)),
        init, update, List.of());
    Stmt stmt = new BlockRealize(new ArrayList<Expr>(loops), BlockRealize.TRUE, block);
    for (int i = loops.size() - 1; i >= 0; i--)
      stmt = For.serial(loops.get(i), ranges.get(i).min(), ranges.get(i).extent(), stmt);
    return stmt;
  }

  private List<BufferRegion> reads(TExpr value, TirExprBuilder body) {
    Map<String, List<List<TExpr>>> accesses = new LinkedHashMap<>();
    collectReads(value, accesses);
    List<BufferRegion> out = new ArrayList<>();
    for (var e : accesses.entrySet()) {
      Buffer b = buffers.get(e.getKey());
      List<List<TExpr>> all = e.getValue();
      boolean agree = all.stream().allMatch(a -> a.equals(all.get(0)));
      List<Range> region = new ArrayList<>();
      for (int d = 0; d < b.rank(); d++)
        region.add(agree ? new Range(body.build(all.get(0).get(d)), Expr.i32(1)) : new Range(Expr.i32(0), b.shape().get(d)));
      out.add(new BufferRegion(b, region));
    }
    return out;
  }

  private static void collectReads(TExpr e, Map<String, List<List<TExpr>>> out) {
    switch (e) {
      case TExpr.Read r -> {
        out.computeIfAbsent(r.tensor(), k -> new ArrayList<>()).add(r.indices());
        for (TExpr i : r.indices()) collectReads(i, out);
      }
      case TExpr.Bin b -> {
        collectReads(b.a(), out);
        collectReads(b.b(), out);
      }
      case TExpr.Un u -> collectReads(u.a(), out);
      case TExpr.Sel s -> {
        collectReads(s.cond(), out);
        collectReads(s.t(), out);
        collectReads(s.f(), out);
      }
      case TExpr.Conv c -> collectReads(c.value(), out);
      case TExpr.Fn f -> collectReads(f.arg(), out);
      default -> { }
    }
  }

  private static BinOp combiner(String op) {
    return switch (op) {
      case "+=" -> BinOp.ADD;
      case "*=" -> BinOp.MUL;
      case "max=" -> BinOp.MAX;
      case "min=" -> BinOp.MIN;
      default -> throw new dev.kiln.diag.InternalCompilerError("not a reduction: " + op);
    };
  }

  /** The identity of a reduction: 0, 1, -inf (or the type's minimum), +inf (or the type's maximum). */
  static Expr identity(String op, DType t) {
    boolean max = op.equals("max=");
    if (op.equals("+=") || op.equals("*=")) {
      long v = op.equals("+=") ? 0 : 1;
      return t.isFloat() ? new FloatImm(t, v) : new IntImm(t, v);
    }
    if (t.isFloat()) return new FloatImm(t, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    long lo = switch (t) {
      case I8 -> Byte.MIN_VALUE;
      case U8 -> 0;
      case I16 -> Short.MIN_VALUE;
      case I32 -> Integer.MIN_VALUE;
      default -> Long.MIN_VALUE;
    };
    long hi = switch (t) {
      case I8 -> Byte.MAX_VALUE;
      case U8 -> 255;
      case I16 -> Short.MAX_VALUE;
      case I32 -> Integer.MAX_VALUE;
      default -> Long.MAX_VALUE;
    };
    return new IntImm(t, max ? lo : hi);
  }
}

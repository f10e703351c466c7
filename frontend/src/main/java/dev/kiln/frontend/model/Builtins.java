package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rank-generic functions of the language (docs/language.md lists them): elementwise math,
 * relu/gelu, two-argument max/min/pow, select, reductions (sum, mean, prod, max, min, argmax) over
 * axes or everything, softmax/log_softmax, layer_norm, transpose, concat, reshape, flatten,
 * zeros/ones, the function forms add/sub/mul/div, embedding/gather (indices checked at run time),
 * and clip/hard_sigmoid/hard_swish (elementwise maps). Each becomes a generated Kiln op
 * ({@link GenericOps}) or a view ({@code reshape}, see {@link Reshapes}).
 */
final class Builtins {
  static final Set<String> MATH = Set.of("exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "erf", "abs", "floor",
      "round");
  static final List<String> NAMES = List.of("exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "erf", "abs", "floor",
      "round", "relu", "gelu", "max", "min", "pow", "select", "sum", "mean", "prod", "argmax", "softmax",
      "log_softmax", "layer_norm", "transpose", "concat", "reshape", "flatten", "zeros", "ones", "add", "sub", "mul",
      "div", "embedding", "gather", "clip", "hard_sigmoid", "hard_swish");

  private final ExprLowering ex;
  private final LoweringContext cx;

  Builtins(ExprLowering ex) {
    this.ex = ex;
    this.cx = ex.cx;
  }

  Operand lower(CallExpr c, Scope scope, List<GNode> out) {
    String f = c.callee().name();
    Span at = c.span();
    Map<String, Expr> named = named(c);
    if (MATH.contains(f)) {
      noNamed(c, named);
      Operand a = one(c, scope, out);
      requireFloat(a, at, f);
      return val(ex.ew.map(f, List.of(a), nulls(1), null, f + "($0)", at, out));
    }
    switch (f) {
      case "relu", "gelu" -> {
        noNamed(c, named);
        Operand a = one(c, scope, out);
        if (f.equals("gelu")) requireFloat(a, at, f);
        String zero = dtype(a).isFloat() ? "0.0" : "0";
        String t = f.equals("relu") ? "max($0, " + zero + ")" : "$0 * 0.5 * (1.0 + erf($0 * 0.7071067811865476))";
        return val(ex.ew.map(f, List.of(a), nulls(1), null, t, at, out));
      }
      case "add", "sub", "mul", "div", "pow" -> {
        noNamed(c, named);
        List<Operand> a = operands(c, 2, scope, out);
        String t = switch (f) {
          case "add" -> "$0 + $1";
          case "sub" -> "$0 - $1";
          case "mul" -> "$0 * $1";
          case "div" -> "$0 / $1";
          default -> "pow($0, $1)";
        };
        return val(ex.ew.map(f, a, nulls(2), null, t, at, out));
      }
      case "clip" -> {
        noNamed(c, named);
        List<Operand> a = operands(c, 3, scope, out);
        return val(ex.ew.map(f, a, nulls(3), null, "min(max($0, $1), $2)", at, out));
      }
      case "hard_sigmoid", "hard_swish" -> {
        allowOnly(named, f.equals("hard_sigmoid") ? Set.of("alpha", "beta") : Set.of(), f);
        Operand a = one(c, scope, out);
        requireFloat(a, at, f);
        DType t = dtype(a);
        String template;
        if (f.equals("hard_sigmoid")) {
          double alpha = named.containsKey("alpha") ? Constants.literal(named.get("alpha")).value() : 0.2;
          double beta = named.containsKey("beta") ? Constants.literal(named.get("beta")).value() : 0.5;
          template = "max(min($0 * " + GenericOps.literal(alpha, t) + " + " + GenericOps.literal(beta, t) + ", "
              + GenericOps.literal(1, t) + "), " + GenericOps.literal(0, t) + ")";
        } else {
          template = "$0 * min(max($0 + " + GenericOps.literal(3, t) + ", " + GenericOps.literal(0, t) + "), "
              + GenericOps.literal(6, t) + ") / " + GenericOps.literal(6, t);
        }
        return val(ex.ew.map(f, List.of(a), nulls(1), null, template, at, out));
      }
      case "select" -> {
        noNamed(c, named);
        List<Operand> a = operands(c, 3, scope, out);
        return val(ex.ew.map("select", a, Arrays.asList(DType.BOOL, null, null), null, "select($0, $1, $2)", at, out));
      }
      case "max", "min" -> {
        if (c.args().size() == 2 && named.isEmpty()) {
          List<Operand> a = operands(c, 2, scope, out);
          return val(ex.ew.map(f, a, nulls(2), null, f + "($0, $1)", at, out));
        }
        return reduce(f, c, named, scope, out);
      }
      case "sum", "mean", "prod" -> { return reduce(f, c, named, scope, out); }
      case "argmax" -> {
        Value x = single(c, scope, out);
        int axis = axis(named, "axis", x.type().rank(), -1, at);
        allowOnly(named, Set.of("axis"), f);
        return val(call(GenericOps.argmax("argmax", x.type().dtype(), x.type().rank(), axis), x, at, out));
      }
      case "softmax", "log_softmax" -> {
        Value x = single(c, scope, out);
        allowOnly(named, Set.of("axis"), f);
        requireFloat(new Operand.Val(x), at, f);
        int axis = axis(named, "axis", x.type().rank(), -1, at);
        return val(call(GenericOps.softmax(f, x.type().dtype(), x.type().rank(), axis, f.startsWith("log")), x, at, out));
      }
      case "layer_norm" -> {
        allowOnly(named, Set.of("eps"), f);
        if (c.args().size() != 3) throw new KilnException(at, "`layer_norm(x, gamma, beta, eps: 1e-5)` takes 3 tensors");
        Value x = ex.tensor(c.args().get(0), scope, out);
        Value g = ex.tensor(c.args().get(1), scope, out);
        Value b = ex.tensor(c.args().get(2), scope, out);
        requireFloat(new Operand.Val(x), at, f);
        if (x.type().rank() == 0) throw new KilnException(at, "`layer_norm` needs a tensor of rank 1 or more");
        double eps = named.containsKey("eps") ? Constants.literal(named.get("eps")).value() : 1e-5;
        String kernel = cx.kernels.generated(GenericOps.layerNorm("layer_norm", x.type().dtype(), x.type().rank(),
            GenericOps.literal(eps, DType.F32)));
        return val(cx.call1(kernel, List.of(x, g, b), f, at, out));
      }
      case "transpose" -> {
        Value x = single(c, scope, out);
        allowOnly(named, Set.of("perm"), f);
        int r = x.type().rank();
        int[] perm = new int[r];
        if (named.containsKey("perm")) {
          List<Long> p = Constants.integers(named.get("perm"));
          Set<Long> seen = new TreeSet<>(p);
          if (p.size() != r || seen.size() != r || seen.stream().anyMatch(v -> v < 0 || v >= r)) {
            throw new KilnException(named.get("perm").span(), "`perm` must list each of the " + r
                + " axes exactly once, got " + p);
          }
          for (int i = 0; i < r; i++) perm[i] = p.get(i).intValue();
        } else {
          for (int i = 0; i < r; i++) perm[i] = r - 1 - i;
        }
        return val(call(GenericOps.transpose("transpose", x.type().dtype(), perm), x, at, out));
      }
      case "concat" -> {
        allowOnly(named, Set.of("axis"), f);
        if (c.args().size() < 2) throw new KilnException(at, "`concat` needs at least two tensors");
        Value acc = ex.tensor(c.args().get(0), scope, out);
        int axis = axis(named, "axis", acc.type().rank(), 0, at);
        for (int i = 1; i < c.args().size(); i++) {
          Value next = ex.tensor(c.args().get(i), scope, out);
          if (next.type().rank() != acc.type().rank() || next.type().dtype() != acc.type().dtype()) {
            throw new KilnException(c.args().get(i).span(), "`concat` of " + ShapeUnifier.describe(acc.type())
                + " and " + ShapeUnifier.describe(next.type()) + ": dtype and rank must agree");
          }
          String k = cx.kernels.generated(GenericOps.concat("concat", acc.type().dtype(), acc.type().rank(), axis));
          acc = cx.call1(k, List.of(acc, next), "concat", at, out);
        }
        return val(acc);
      }
      case "reshape" -> {
        allowOnly(named, Set.of("shape"), f);
        Value x = ex.tensor(c.args().get(0), scope, out);
        Expr shapeArg = named.containsKey("shape") ? named.get("shape")
            : c.args().size() == 2 ? c.args().get(1) : null;
        if (shapeArg == null) throw new KilnException(at, "`reshape(x, shape: [..])` needs a shape");
        return val(Reshapes.lower(cx, x, shapeArg, scope, at, out));
      }
      case "flatten" -> {
        Value x = single(c, scope, out);
        allowOnly(named, Set.of("axis"), f);
        int axis = named.containsKey("axis") ? (int) Constants.integer(named.get("axis")) : 1;
        return val(Indexing.reshape(cx, x, Reshapes.flatten(x.type(), axis, at), at, out));
      }
      case "embedding", "gather" -> {
        allowOnly(named, f.equals("gather") ? Set.of("axis") : Set.of(), f);
        if (c.args().size() != 2) {
          throw new KilnException(at, "`" + f + "` takes a table and integer indices, as in " + f + "(w, ids)");
        }
        Value table = ex.tensor(c.args().get(0), scope, out);
        Value ids = ex.tensor(c.args().get(1), scope, out);
        if (!ids.type().dtype().isInt()) {
          throw new KilnException(c.args().get(1).span(), "indices must be integers, got " + ShapeUnifier.describe(ids.type()));
        }
        int axis = f.equals("gather") ? axis(named, "axis", table.type().rank(), 0, at) : 0;
        if (table.type().rank() == 0) throw new KilnException(at, "`" + f + "` needs a table of rank 1 or more");
        out.add(new dev.kiln.ir.graph.CheckIndexNode(ids, table, axis, at));
        String k = cx.kernels.custom(ids.type().rank() == 0 ? "take" : "gather", TakeKernel.gather(table.type().dtype(),
            table.type().rank(), axis, ids.type().dtype(), ids.type().rank()));
        return val(cx.call1(k, List.of(table, ids), f, at, out));
      }
      case "zeros", "ones" -> {
        allowOnly(named, Set.of("dtype"), f);
        if (c.args().size() != 1 || !(c.args().get(0) instanceof ListExpr)) {
          throw new KilnException(at, "`" + f + "` takes a shape list, as in " + f + "([1, 64])");
        }
        List<dev.kiln.ir.tir.Expr> shape = new ArrayList<>();
        for (long d : Constants.integers(c.args().get(0))) {
          if (d < 0) throw new KilnException(c.args().get(0).span(), "dimensions must not be negative");
          shape.add(ShapeUnifier.constant(d));
        }
        DType t = DType.F32;
        if (named.containsKey("dtype")) {
          Expr d = named.get("dtype");
          t = d instanceof dev.kiln.frontend.ast.Name n ? DType.parse(n.name()) : null;
          if (t == null) throw new KilnException(d.span(), "expected a dtype such as f32 or i32");
        }
        return val(cx.constant(f.equals("zeros") ? 0 : 1, new TensorType(t, shape), at, out));
      }
      default -> {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(cx.lib.ops().keySet());
        throw new KilnException(c.callee().span(), "unknown function or op `" + f + "`"
            + Suggest.didYouMean(f, all));
      }
    }
  }

  private Operand reduce(String kind, CallExpr c, Map<String, Expr> named, Scope scope, List<GNode> out) {
    allowOnly(named, Set.of("axis", "keepdims"), kind);
    Value x = single(c, scope, out);
    int r = x.type().rank();
    List<Integer> axes = new ArrayList<>();
    if (named.containsKey("axis")) {
      for (long a : Constants.integers(named.get("axis"))) axes.add(normalizeAxis(a, r, named.get("axis").span()));
    } else {
      for (int a = 0; a < r; a++) axes.add(a);
    }
    boolean keep = named.containsKey("keepdims") && Constants.literal(named.get("keepdims")).value() != 0;
    if (kind.equals("mean")) requireFloat(new Operand.Val(x), c.span(), kind);
    return val(call(GenericOps.reduce(kind, x.type().dtype(), r, axes, kind, keep), x, c.span(), out));
  }

  private Value call(GenericOps.Generated g, Value x, Span at, List<GNode> out) {
    return cx.call1(cx.kernels.generated(g), List.of(x), g.name(), at, out);
  }

  private static Operand val(Value v) { return new Operand.Val(v); }

  private static List<DType> nulls(int n) { return Arrays.asList(new DType[n]); }

  private static DType dtype(Operand o) {
    return o instanceof Operand.Val v ? v.value().type().dtype() : ((Operand.Lit) o).kind();
  }

  private static void requireFloat(Operand o, Span at, String f) {
    if (o instanceof Operand.Val v && !v.value().type().dtype().isFloat()) {
      throw new KilnException(at, "`" + f + "` needs a floating-point tensor, got " + ShapeUnifier.describe(v.value().type())
          + " (cast it with f32(x))");
    }
  }

  private Operand one(CallExpr c, Scope scope, List<GNode> out) {
    if (c.args().size() != 1) throw new KilnException(c.span(), "`" + c.callee().name() + "` takes one argument");
    return ex.lower(c.args().get(0), scope, out);
  }

  private Value single(CallExpr c, Scope scope, List<GNode> out) {
    if (c.args().size() != 1) throw new KilnException(c.span(), "`" + c.callee().name() + "` takes one tensor argument");
    return ex.tensor(c.args().get(0), scope, out);
  }

  private List<Operand> operands(CallExpr c, int n, Scope scope, List<GNode> out) {
    if (c.args().size() != n) {
      throw new KilnException(c.span(), "`" + c.callee().name() + "` takes " + n + " arguments, got " + c.args().size());
    }
    List<Operand> r = new ArrayList<>();
    for (Expr e : c.args()) r.add(ex.lower(e, scope, out));
    return r;
  }

  private static Map<String, Expr> named(CallExpr c) {
    Map<String, Expr> m = new HashMap<>();
    for (NamedArg a : c.namedArgs()) {
      if (m.put(a.name().name(), a.value()) != null) {
        throw new KilnException(a.span(), "`" + a.name().name() + "` is given twice");
      }
    }
    return m;
  }

  private static void noNamed(CallExpr c, Map<String, Expr> named) { allowOnly(named, Set.of(), c.callee().name()); }

  private static void allowOnly(Map<String, Expr> named, Set<String> allowed, String f) {
    for (var e : named.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new KilnException(e.getValue().span(), "`" + f + "` has no argument named `" + e.getKey() + "`"
            + (allowed.isEmpty() ? "" : "; it takes " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  private static int axis(Map<String, Expr> named, String key, int rank, int dflt, Span at) {
    if (rank == 0) throw new KilnException(at, "an axis of a 0-d tensor");
    long a = named.containsKey(key) ? Constants.integer(named.get(key)) : dflt;
    return normalizeAxis(a, rank, named.containsKey(key) ? named.get(key).span() : at);
  }

  static int normalizeAxis(long a, int rank, Span at) {
    if (a < -rank || a >= rank) throw new KilnException(at, "axis " + a + " is out of range for rank " + rank);
    return (int) (a < 0 ? a + rank : a);
  }

  static dev.kiln.ir.tir.Expr product(List<dev.kiln.ir.tir.Expr> dims) {
    dev.kiln.ir.tir.Expr p = new IntImm(DType.I32, 1);
    for (var d : dims) p = Simplify.expr(new Binary(BinOp.MUL, p, d));
    return p;
  }
}

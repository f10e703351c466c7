package dev.kiln.frontend.schedule;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.SchedStmt;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.UnaryExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The syntactic check of one supported primitive application, independent of the IR: argument
 * kinds and counts and result names. On success it yields the axis names, the integer arguments
 * and the result names; on failure it reports diagnostics and yields null.
 *
 * <p>Shapes accepted: {@code r0, ..., rn = split(axis, f1, ..., fn)} (the factors are the inner
 * extents; the outermost is inferred, as in Halide's {@code split(i, 32)}) or
 * {@code r1, ..., rn = split(axis, f1, ..., fn)} (every factor given, one may be -1);
 * {@code [r =] fuse(a1, ..., an)} with n >= 2; {@code reorder(a1, ..., an)} with n >= 2;
 * {@code parallel(a)}, {@code vectorize(a)}, {@code unroll(a)}. Primitives over blocks and
 * {@code bind} are checked by {@link BlockCallCheck}.
 */
record SchedCall(SchedStmt stmt, List<Name> axes, int[] factors, List<String> results, List<Name> blocks,
    List<String> strings) {
  static SchedCall check(SchedStmt st, DiagnosticSink sink) {
    String prim = st.primitive().name();
    if (BlockCallCheck.SIGNATURES.containsKey(prim)) return BlockCallCheck.check(st, sink);
    List<Expr> args = st.args();
    int before = sink.diagnostics().size();
    List<Name> axes = new ArrayList<>();
    List<Integer> ints = new ArrayList<>();
    boolean manyAxes = prim.equals("fuse") || prim.equals("reorder");
    int nAxes = manyAxes ? args.size() : 1;
    if (args.isEmpty()) {
      sink.error(st.span(), "`" + prim + "` needs " + (prim.equals("split") ? "an axis and at least one factor"
          : manyAxes ? "at least two axes" : "one axis"));
      return null;
    }
    if (!manyAxes && !prim.equals("split") && args.size() != 1) {
      sink.error(st.span(), "`" + prim + "` takes one axis, got " + args.size() + " arguments");
      return null;
    }
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      if (i < nAxes) {
        if (a instanceof Name n) axes.add(n);
        else sink.error(a.span(), "argument " + (i + 1) + " of `" + prim + "` must be an axis name, got " + kind(a));
      } else {
        Integer v = intValue(a);
        if (v != null) ints.add(v);
        else sink.error(a.span(), "argument " + (i + 1) + " of `" + prim + "` must be an integer factor, got " + kind(a));
      }
    }
    List<String> results = st.results().stream().map(Ident::name).toList();
    switch (prim) {
      case "split" -> {
        if (args.size() < 2) sink.error(st.span(), "`split` needs an axis and at least one factor");
        else if (results.size() != ints.size() && results.size() != ints.size() + 1 && ints.size() == args.size() - 1)
          sink.error(st.span(), "`split` with " + ints.size() + " factor" + (ints.size() == 1 ? "" : "s") + " makes "
              + (ints.size() + 1) + " loops (or " + ints.size() + " when every factor is given); name them, e.g. `"
              + namesExample(ints.size() + 1) + " = split(...)`, got " + results.size() + " name" + (results.size() == 1 ? "" : "s"));
      }
      case "fuse" -> {
        if (args.size() < 2) sink.error(st.span(), "`fuse` needs at least two axes, got " + args.size());
        if (results.size() > 1) sink.error(st.results().get(1).span(), "`fuse` makes one loop, got " + results.size() + " names");
      }
      case "reorder" -> {
        if (args.size() < 2) sink.error(st.span(), "`reorder` needs at least two axes, got " + args.size());
        noResults(st, sink);
      }
      default -> noResults(st, sink);
    }
    Set<String> seen = new HashSet<>();
    for (Ident r : st.results())
      if (!seen.add(r.name())) sink.error(r.span(), "result name `" + r.name() + "` is given twice");
    if (sink.diagnostics().size() > before) return null;
    int[] factors = ints.stream().mapToInt(Integer::intValue).toArray();
    if (prim.equals("split") && results.size() == factors.length + 1) {
      int[] all = new int[factors.length + 1];
      all[0] = -1;
      System.arraycopy(factors, 0, all, 1, factors.length);
      factors = all;
    }
    return new SchedCall(st, axes, factors, results, List.of(), List.of());
  }

  static void noResults(SchedStmt st, DiagnosticSink sink) {
    if (!st.results().isEmpty())
      sink.error(st.results().get(0).span(), "`" + st.primitive().name() + "` makes no new loops to name");
  }

  /** An integer literal, possibly negated; null otherwise or when it does not fit an int. */
  private static Integer intValue(Expr e) {
    if (e instanceof IntLit i && i.value() <= Integer.MAX_VALUE) return (int) i.value();
    if (e instanceof UnaryExpr u && u.op().equals("-") && u.operand() instanceof IntLit i && i.value() <= Integer.MAX_VALUE)
      return (int) -i.value();
    return null;
  }

  static String kind(Expr e) {
    return switch (e) {
      case Name n -> "the name `" + n.name() + "`";
      case IntLit i -> "the integer " + i.value();
      case StringLit s -> "a string";
      default -> intValue(e) != null ? "the integer " + intValue(e) : "an expression";
    };
  }

  private static String namesExample(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) names.add(n == 2 ? (i == 0 ? "io" : "ii") : "i" + i);
    return String.join(", ", names);
  }
}

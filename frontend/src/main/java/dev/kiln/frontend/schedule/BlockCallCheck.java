package dev.kiln.frontend.schedule;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.SchedStmt;
import dev.kiln.frontend.ast.StringLit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The syntactic check of the primitives whose arguments are not only axes and factors: each has a
 * fixed signature of argument kinds (a block, named by the tensor it writes or by an earlier
 * result; an axis; a string; a tensor) and a maximum number of result names. Shapes accepted:
 * {@code compute_inline(B)}, {@code reverse_compute_inline(B)},
 * {@code [I =] decompose_reduction(B, axis)} (I names the new init block),
 * {@code bind(axis, "threadIdx.x")}, {@code [P =] cache_read([B,] tensor)} and
 * {@code [P =] cache_write(B)} (P names the new copy block), {@code compute_at(B, axis)},
 * {@code reverse_compute_at(B, axis)}, {@code [R =] rfactor(axis)} (R names the new rf block) and
 * {@code [O =] blockize(axis)} (O names the new outer block), {@code tensorize(axis, "intrinsic")}. A tensor argument is kept as its name.
 */
final class BlockCallCheck {
  private BlockCallCheck() {}

  enum Kind { BLOCK, AXIS, STRING, TENSOR }

  record Signature(List<Kind> args, int maxResults) {}

  record Primitive(String usage, List<Signature> forms) {}

  static final Map<String, Primitive> SIGNATURES = Map.ofEntries(
      Map.entry("compute_inline", new Primitive("compute_inline(block)", List.of(new Signature(List.of(Kind.BLOCK), 0)))),
      Map.entry("reverse_compute_inline", new Primitive("reverse_compute_inline(block)", List.of(new Signature(List.of(Kind.BLOCK), 0)))),
      Map.entry("decompose_reduction", new Primitive("[init =] decompose_reduction(block, axis)",
          List.of(new Signature(List.of(Kind.BLOCK, Kind.AXIS), 1)))),
      Map.entry("bind", new Primitive("bind(axis, \"threadIdx.x\")", List.of(new Signature(List.of(Kind.AXIS, Kind.STRING), 0)))),
      Map.entry("cache_read", new Primitive("[copy =] cache_read([block,] tensor)",
          List.of(new Signature(List.of(Kind.TENSOR), 1), new Signature(List.of(Kind.BLOCK, Kind.TENSOR), 1)))),
      Map.entry("compute_at", new Primitive("compute_at(block, axis)", List.of(new Signature(List.of(Kind.BLOCK, Kind.AXIS), 0)))),
      Map.entry("cache_write", new Primitive("[copy =] cache_write(block)", List.of(new Signature(List.of(Kind.BLOCK), 1)))),
      Map.entry("reverse_compute_at", new Primitive("reverse_compute_at(block, axis)",
          List.of(new Signature(List.of(Kind.BLOCK, Kind.AXIS), 0)))),
      Map.entry("rfactor", new Primitive("[rf =] rfactor(axis)", List.of(new Signature(List.of(Kind.AXIS), 1)))),
      Map.entry("blockize", new Primitive("[block =] blockize(axis)", List.of(new Signature(List.of(Kind.AXIS), 1)))),
      Map.entry("tensorize", new Primitive("tensorize(axis, \"jvm.gemm_f32\")",
          List.of(new Signature(List.of(Kind.AXIS, Kind.STRING), 0)))));

  static SchedCall check(SchedStmt st, DiagnosticSink sink) {
    String prim = st.primitive().name();
    Primitive p = SIGNATURES.get(prim);
    int before = sink.diagnostics().size();
    List<Expr> args = st.args();
    Signature sig = p.forms().stream().filter(f -> f.args().size() == args.size()).findFirst().orElse(null);
    if (sig == null) {
      List<String> counts = p.forms().stream().map(f -> String.valueOf(f.args().size())).toList();
      boolean one = counts.size() == 1 && counts.get(0).equals("1");
      sink.error(st.span(), "`" + prim + "` takes " + String.join(" or ", counts) + " argument" + (one ? "" : "s")
          + " (" + p.usage() + "), got " + args.size());
      return null;
    }
    List<Name> axes = new ArrayList<>();
    List<Name> blocks = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      Kind k = sig.args().get(i);
      String want = switch (k) {
        case BLOCK -> "a block name";
        case AXIS -> "an axis name";
        case STRING -> "a string";
        case TENSOR -> "a tensor name";
      };
      if (k == Kind.STRING && a instanceof StringLit s) strings.add(s.value());
      else if (k == Kind.BLOCK && a instanceof Name n) blocks.add(n);
      else if (k == Kind.AXIS && a instanceof Name n) axes.add(n);
      else if (k == Kind.TENSOR && a instanceof Name n) strings.add(n.name());
      else sink.error(a.span(), "argument " + (i + 1) + " of `" + prim + "` must be " + want + ", got " + SchedCall.kind(a));
    }
    List<String> results = st.results().stream().map(Ident::name).toList();
    if (sig.maxResults() == 0) SchedCall.noResults(st, sink);
    else if (results.size() > sig.maxResults())
      sink.error(st.results().get(sig.maxResults()).span(), "`" + prim + "` makes one block, got " + results.size() + " names");
    if (sink.diagnostics().size() > before) return null;
    return new SchedCall(st, axes, new int[0], results, blocks, strings);
  }
}

package dev.kiln.passes;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.GraphVerifier;
import dev.kiln.ir.graph.text.GraphPrinter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Verifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs passes in order. Algorithm: when the context asks for verification, the input module is
 * verified first (so a broken input is not blamed on the first pass); then each pass runs on the
 * previous one's result, after which the module is verified (every kernel with {@link Verifier},
 * the graph with {@link GraphVerifier}; any problem is an {@link InternalCompilerError} naming the
 * pass) and, when the context has a print sink, its text is sent there under a
 * {@code // IR after <pass>} header.
 */
public final class PassManager {
  private PassManager() {}

  public static GraphModule run(GraphModule m, List<Pass> passes, PassContext cx) {
    if (cx.verify()) verify(m, "on the input of the pass pipeline");
    for (Pass p : passes) {
      m = p.run(m, cx);
      if (m == null) throw new InternalCompilerError("pass '" + p.name() + "' returned no module");
      if (cx.verify()) verify(m, "after pass '" + p.name() + "'");
      if (cx.printSink() != null) cx.printSink().accept("// IR after " + p.name() + "\n" + GraphPrinter.print(m));
    }
    return m;
  }

  /** Every problem of the module's kernels and graph, each prefixed with where it was found. */
  public static List<String> problems(GraphModule m) {
    List<String> all = new ArrayList<>();
    for (PrimFunc k : m.kernels().values()) {
      for (String p : Verifier.problems(k)) all.add("kernel " + k.name() + ": " + p);
    }
    all.addAll(GraphVerifier.problems(m));
    return all;
  }

  private static void verify(GraphModule m, String when) {
    List<String> ps = problems(m);
    if (!ps.isEmpty()) {
      throw new InternalCompilerError("IR verification failed " + when + ":\n  " + String.join("\n  ", ps));
    }
  }
}

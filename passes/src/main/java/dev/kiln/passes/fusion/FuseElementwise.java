package dev.kiln.passes.fusion;

import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.passes.Pass;
import dev.kiln.passes.PassContext;
import dev.kiln.passes.util.RegionRewrite;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code fuse-elementwise}: elementwise chains are fused into their producer.
 *
 * <p>Fuses a producer call {@code %v = call P(a...)} into a consumer call
 * {@code %r... = call C(b...)} when all of these hold:
 * <ul>
 *   <li>P has exactly one result {@code %v};</li>
 *   <li>{@code %v} has exactly one user, and that user is C, in the same region as P (so no model
 *       output, no value read twice, no value crossing an if/for/while boundary is fused; C may
 *       take {@code %v} as several of its arguments);</li>
 *   <li>C's kernel is {@link Elementwise elementwise};</li>
 *   <li>{@link KernelMerge} can merge the two kernels (matching dtype and rank, and every size
 *       variable of the result bound by a plain input dimension).</li>
 * </ul>
 * The pair becomes one call {@code %r... = call P_C(a..., b without %v...)} at C's place (every
 * argument is defined before C, P's before P), P's call is removed, and the merged kernel runs P's
 * body then C's body with {@code %v} kept in a {@code local} intermediate. The kernel is named
 * {@code <producer>_<consumer>}; when that name is taken by a structurally different kernel,
 * {@code _1}, {@code _2}, ... is appended, and a structurally equal one is reused.
 *
 * <p>Algorithm: per graph function, repeat to a fixed point: analyse the uses of every value
 * ({@link GraphUses}), take the first fusible pair in walk order, rewrite the function
 * ({@link RegionRewrite}). Each step removes one call, so the loop ends; a chain such as
 * matmul → add bias → relu collapses into {@code matmul_add_relu}. Kernels made by this pass and
 * no longer called are dropped as soon as they fall out of use; kernels of the input that were
 * called before and are no longer called are dropped at the end; kernels the input never called
 * are kept. Blocks stay separate inside a merged kernel: inlining the elementwise block into its
 * producer is a schedule step ({@code compute_inline}), not this pass's job.
 *
 * <p>Preconditions: the module passes {@code GraphVerifier} (every call names a kernel of the
 * module with matching arity, dtypes and ranks).
 */
public final class FuseElementwise implements Pass {
  public static final String NAME = "fuse-elementwise";

  @Override public String name() { return NAME; }

  @Override public GraphModule run(GraphModule m, PassContext cx) {
    Map<String, PrimFunc> kernels = new LinkedHashMap<>(m.kernels());
    Set<String> calledBefore = called(m.funcs());
    Set<String> created = new LinkedHashSet<>();
    Map<PrimFunc, Boolean> elementwise = new IdentityHashMap<>();
    List<GraphFunc> funcs = new ArrayList<>(m.funcs());
    boolean changed = false;
    for (int i = 0; i < funcs.size(); i++) {
      while (true) {
        GraphFunc f = funcs.get(i);
        GraphFunc next = fuseOnce(f, kernels, elementwise, created);
        if (next == null) break;
        funcs.set(i, next);
        changed = true;
        Set<String> now = called(funcs);
        kernels.keySet().removeIf(k -> created.contains(k) && !now.contains(k));
      }
    }
    if (!changed) return m;
    Set<String> now = called(funcs);
    kernels.keySet().removeIf(k -> calledBefore.contains(k) && !now.contains(k));
    return new GraphModule(kernels, funcs);
  }

  /** Fuses the first fusible pair of {@code f}; null when there is none. */
  private static GraphFunc fuseOnce(GraphFunc f, Map<String, PrimFunc> kernels, Map<PrimFunc, Boolean> elementwise,
      Set<String> created) {
    GraphUses uses = GraphUses.of(f);
    for (GraphUses.Site site : uses.calls()) {
      CallNode p = site.call();
      if (p.results().size() != 1) continue;
      List<GraphUses.Use> us = uses.of(p.results().get(0));
      if (us.size() != 1 || us.get(0).region() != site.region() || !(us.get(0).user() instanceof CallNode c)) continue;
      PrimFunc consumer = kernels.get(c.kernel());
      PrimFunc producer = kernels.get(p.kernel());
      if (producer == null || consumer == null) continue;
      if (!elementwise.computeIfAbsent(consumer, Elementwise::test)) continue;
      Value v = p.results().get(0);
      TreeSet<Integer> positions = new TreeSet<>();
      for (int k = 0; k < c.args().size(); k++) if (c.args().get(k) == v) positions.add(k);
      if (positions.isEmpty() || positions.last() >= consumer.inputs().size()) continue;
      PrimFunc merged = KernelMerge.merge(p.kernel() + "_" + c.kernel(), producer, consumer, positions);
      if (merged == null) continue;
      String name = place(merged, kernels, created);
      List<Value> args = new ArrayList<>(p.args());
      for (int k = 0; k < c.args().size(); k++) if (!positions.contains(k)) args.add(c.args().get(k));
      CallNode fused = new CallNode(c.results(), name, args, c.span());
      Region body = new RegionRewrite().remove(p).replace(c, fused).apply(f.body());
      return f.withBody(body);
    }
    return null;
  }

  /**
   * Enters {@code merged} under its own name, or the first free {@code name_k}; an existing kernel
   * structurally equal to it is reused instead. Returns the name used.
   */
  private static String place(PrimFunc merged, Map<String, PrimFunc> kernels, Set<String> created) {
    String base = merged.name();
    for (int k = 0; ; k++) {
      String name = k == 0 ? base : base + "_" + k;
      PrimFunc old = kernels.get(name);
      if (old != null && StructuralEqual.equal(old, merged)) return name;
      if (old == null) {
        kernels.put(name, k == 0 ? merged : new PrimFunc(name, merged.inputs(), merged.outputs(),
            merged.sizeVars(), merged.body()));
        created.add(name);
        return name;
      }
    }
  }

  private static Set<String> called(List<GraphFunc> funcs) {
    Set<String> out = new LinkedHashSet<>();
    for (GraphFunc f : funcs) for (GraphUses.Site s : GraphUses.of(f).calls()) out.add(s.call().kernel());
    return out;
  }
}

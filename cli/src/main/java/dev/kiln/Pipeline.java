package dev.kiln;

import dev.kiln.backend.jvm.CompiledKernel;
import dev.kiln.backend.jvm.HostCodegen;
import dev.kiln.backend.jvm.JvmBackend;
import dev.kiln.backend.plan.PlanBuilder;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.Frontend;
import dev.kiln.frontend.model.Library;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.GraphVerifier;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.passes.DefaultPipeline;
import dev.kiln.passes.PassContext;
import dev.kiln.passes.schedule.DefaultSchedule;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.plan.HostBlocks;
import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.Plan;
import dev.kiln.runtime.plan.ShapeSpecializedKernel;
import dev.kiln.passes.specialize.ShapeSpecialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole compiler, top to bottom, in one place: source → front end (checked AST, graph IR and
 * kernels with their schedules) → default schedules for the rest → graph passes (fusion) → JVM backend (one class per kernel) → plan. Each stage's result
 * is kept so the CLI can print it.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Everything one compilation produced. */
  public record Result(Library library, GraphModule module, GraphFunc func, Plan plan, List<CompiledKernel> kernels,
      HostCodegen.CompiledHost host) {
    /** An executable model with these weights (in {@code plan().params()} order). */
    public CompiledModel instantiate(Tensor[] params) {
      Kernel[] ks = new Kernel[kernels.size()];
      List<PrimFunc> fs = new ArrayList<>(module.kernels().values());
      for (int i = 0; i < ks.length; i++) ks[i] = specializing(fs.get(i), kernels.get(i).kernel());
      return new CompiledModel(plan, ks, params, host == null ? null : host.program());
    }

    /** The generated class files by binary name (kernels, then the host module), for artifacts. */
    public Map<String, byte[]> classBytes() {
      Map<String, byte[]> m = new LinkedHashMap<>();
      for (CompiledKernel k : kernels) m.put(k.className(), k.classBytes());
      if (host != null) m.put(host.className(), host.classBytes());
      return m;
    }
  }

  /** Shapes cached per specialized kernel. */
  static final int SPECIALIZED_SHAPES = 8;

  /**
   * {@code generic}, or (when {@link ShapeSpecialization#worthIt} holds for {@code f}) a kernel that
   * also compiles {@code f} for each concrete shape it meets, {@value #SPECIALIZED_SHAPES} shapes
   * cached (docs/dynamic.md).
   */
  static Kernel specializing(PrimFunc f, Kernel generic) {
    if (!ShapeSpecialization.worthIt(f)) return generic;
    return new ShapeSpecializedKernel(generic,
        sizes -> new JvmBackend().compile(ShapeSpecialization.specialize(f, sizes)).kernel(), SPECIALIZED_SHAPES);
  }

  /** Front end and graph passes: the graph module of one model as the backend receives it. */
  public static GraphModule frontEnd(SourceFile source, String model) {
    return schedulesAndPasses(Frontend.compileScheduled(Frontend.check(source), model));
  }

  /** Default schedules for the kernels the program does not schedule, then the graph passes. */
  static GraphModule schedulesAndPasses(Frontend.Compiled c) {
    return passes(DefaultSchedule.applyAll(c.module(), c.userScheduled()));
  }

  /** The default pass pipeline (docs/passes.md), with both verifiers run between passes. */
  static GraphModule passes(GraphModule m) {
    return DefaultPipeline.run(m, PassContext.defaults());
  }

  public static Result compile(SourceFile source, String model) {
    Library lib = Frontend.check(source);
    Frontend.Compiled compiled = Frontend.compileScheduled(lib, model);
    GraphVerifier.verify(compiled.module());
    GraphModule module = schedulesAndPasses(compiled);
    GraphFunc func = module.funcs().get(0);
    List<PrimFunc> fs = new ArrayList<>(module.kernels().values());
    for (PrimFunc f : fs) rejectThreadBound(f);
    List<CompiledKernel> kernels = new JvmBackend().compileAll(classPrefix(func.name()), fs);
    List<String> names = new ArrayList<>();
    for (CompiledKernel k : kernels) names.add(k.className());
    Plan plan = PlanBuilder.build(module, func, names);
    HostCodegen.CompiledHost host = hasControlFlow(plan.body()) ? HostCodegen.compile(plan) : null;
    return new Result(lib, module, func, plan, kernels, host);
  }

  /**
   * Whether the plan has control flow beyond its final return: a model with if/for/while or an
   * early return gets a host module (docs/dynamic.md); a straight-line one is run directly.
   */
  static boolean hasControlFlow(List<Instr> body) {
    for (int k = 0; k < body.size(); k++) {
      Instr i = body.get(k);
      if (HostBlocks.controlFlow(i) && !(i instanceof Instr.Return && k == body.size() - 1)) return true;
    }
    return false;
  }

  /** {@code bind} makes GPU loops; the JVM backend has no threads to bind them to. */
  private static void rejectThreadBound(PrimFunc f) {
    for (var loop : dev.kiln.ir.tir.util.IrQuery.loops(f.body())) {
      if (loop.kind() == dev.kiln.ir.tir.ForKind.THREAD_BOUND) {
        throw new dev.kiln.diag.KilnException("kernel `" + f.name() + "` binds loop `" + loop.var().name() + "` to "
            + loop.threadTag() + ": `bind` is for GPU backends, and the jvm backend cannot run thread-bound loops"
            + " (remove the bind, or use parallel)");
      }
    }
  }

  private static String classPrefix(String model) {
    return model.replaceAll("[^A-Za-z0-9_]", "_");
  }
}

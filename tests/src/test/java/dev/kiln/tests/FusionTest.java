package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.backend.jvm.CompiledKernel;
import dev.kiln.backend.jvm.JvmBackend;
import dev.kiln.backend.plan.PlanBuilder;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.Frontend;
import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.passes.DefaultPipeline;
import dev.kiln.passes.PassContext;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The default pass pipeline on the MLP example: the dense + bias + relu chain becomes one kernel. */
class FusionTest {
  private static final Path MLP = Path.of("examples/mlp/mlp.kiln");

  private static List<CallNode> calls(GraphFunc f) {
    List<CallNode> out = new ArrayList<>();
    for (GNode n : f.body().nodes()) if (n instanceof CallNode c) out.add(c);
    return out;
  }

  @Test void denseBiasReluBecomesOneKernel() {
    GraphModule before = Frontend.compile(Sources.read(MLP), "mlp");
    GraphModule after = DefaultPipeline.run(before, PassContext.defaults());
    assertTrue(after.kernels().size() < before.kernels().size(),
        before.kernels().keySet() + " → " + after.kernels().keySet());
    GraphFunc f = after.funcs().get(0);
    List<CallNode> calls = calls(f);
    assertEquals(3, calls.size(), "matmul+add+relu, matmul+add, softmax: " + calls);
    CallNode first = calls.get(0);
    assertEquals("matmul_add_relu", first.kernel());
    assertEquals(List.of(f.inputs().get(0), f.params().get(0).value(), f.params().get(1).value()), first.args(),
        "x, w1 and b1 go into the one fused call");
    PrimFunc k = after.kernels().get(first.kernel());
    assertEquals(List.of("root", "C", "Y_1", "Y"), IrQuery.blocks(k.body()).stream().map(b -> b.block().name()).toList(),
        "the product, the bias add and the relu stay separate blocks of one kernel");
    assertEquals(calls.get(1).args().get(0), first.results().get(0), "the relu output feeds the second product");
  }

  @Test void fusedMlpComputesWhatTheInterpretedUnfusedOneDoes() {
    SourceFile src = Sources.read(MLP);
    GraphModule fused = DefaultPipeline.run(Frontend.compile(src, "mlp"), PassContext.defaults());
    List<PrimFunc> fs = new ArrayList<>(fused.kernels().values());
    List<CompiledKernel> compiled = new JvmBackend().compileAll("fused_mlp", fs);
    List<String> names = new ArrayList<>();
    Kernel[] kernels = new Kernel[compiled.size()];
    for (int i = 0; i < kernels.length; i++) {
      names.add(compiled.get(i).className());
      kernels[i] = compiled.get(i).kernel();
    }
    Plan plan = PlanBuilder.build(fused, fused.funcs().get(0), names);
    Random rnd = new Random(7);
    Tensor[] params = RandomData.params(plan.params(), rnd);
    CompiledModel jvm = new CompiledModel(plan, kernels, params);
    CompiledModel oracle = Oracle.compile(src, "mlp", params);
    for (int b : new int[] {1, 5}) {
      Map<String, Tensor> in = RandomData.inputs(jvm.inputs(), Map.of("B", b), rnd, -3, 4);
      Compare.outputs(oracle.run(in), jvm.run(in), 1e-5, 1e-4, "fused mlp, B=" + b);
    }
  }
}

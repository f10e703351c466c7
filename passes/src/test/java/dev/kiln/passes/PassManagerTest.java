package dev.kiln.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.diag.KilnException;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.text.GraphParser;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pass manager's printing and verification, the registry and the default pipeline. */
class PassManagerTest {
  private static final String MODULE = """
      func relu(X: f32[N, 8]) -> (Y: f32[N, 8]) {
        sizes N
        block root {
          for i in 0 .. N {
            for j in 0 .. 8 {
              block Y(vi: S[0:N] = i, vj: S[0:8] = j) {
                Y[vi, vj] = max(X[vi, vj], 0.0f32)
              }
            }
          }
        }
      }
      graph g(%x: f32[N, 8]) -> (y: f32[N, 8]) {
        %a: f32[N, 8] = call relu(%x)
        %y: f32[N, 8] = call relu(%a)
        return %y
      }
      """;

  /** A pass that appends to every kernel a store using a variable bound nowhere. */
  private static final Pass BREAKS_KERNELS = new Pass() {
    @Override public String name() { return "break-kernels"; }

    @Override public GraphModule run(GraphModule m, PassContext cx) {
      Map<String, PrimFunc> ks = new LinkedHashMap<>();
      for (PrimFunc f : m.kernels().values()) {
        Store bad = new Store(f.outputs().get(0), List.of(Var.index("free"), Var.index("loose")),
            new dev.kiln.ir.tir.FloatImm(dev.kiln.ir.DType.F32, 0));
        ks.put(f.name(), f.withBody(new Seq(List.of(f.body(), bad))));
      }
      return new GraphModule(ks, m.funcs());
    }
  };

  @Test void printsTheModuleAfterEachPass() {
    List<String> printed = new ArrayList<>();
    GraphModule out = PassManager.run(GraphParser.parse(MODULE), DefaultPipeline.passes(),
        PassContext.defaults().withPrinting(printed::add));
    assertEquals(DefaultPipeline.passes().size(), printed.size());
    assertTrue(printed.get(0).startsWith("// IR after fuse-elementwise\n"), printed.get(0));
    assertTrue(printed.get(0).contains("call relu_relu(%x)"), printed.get(0));
    assertEquals(List.of("relu_relu"), List.copyOf(out.kernels().keySet()));
  }

  @Test void verificationNamesThePassThatBrokeTheIr() {
    List<Pass> passes = List.of(Passes.byName("fuse-elementwise"), BREAKS_KERNELS);
    InternalCompilerError e = assertThrows(InternalCompilerError.class,
        () -> PassManager.run(GraphParser.parse(MODULE), passes, PassContext.defaults()));
    assertTrue(e.getMessage().contains("after pass 'break-kernels'"), e.getMessage());
    assertTrue(e.getMessage().contains("kernel relu_relu"), e.getMessage());
    GraphModule unchecked = PassManager.run(GraphParser.parse(MODULE), passes, PassContext.defaults().withVerify(false));
    assertEquals(1, unchecked.kernels().size());
  }

  @Test void brokenInputIsReportedAsSuchNotBlamedOnAPass() {
    GraphModule broken = BREAKS_KERNELS.run(GraphParser.parse(MODULE), PassContext.defaults());
    InternalCompilerError e = assertThrows(InternalCompilerError.class,
        () -> PassManager.run(broken, DefaultPipeline.passes(), PassContext.defaults()));
    assertTrue(e.getMessage().contains("on the input"), e.getMessage());
  }

  @Test void registryFindsPassesByStableName() {
    assertTrue(Passes.names().contains("fuse-elementwise"));
    for (String n : Passes.names()) assertEquals(n, Passes.byName(n).name());
    assertEquals(List.of("fuse-elementwise"), Passes.parseList(" fuse-elementwise ,").stream().map(Pass::name).toList());
    KilnException e = assertThrows(KilnException.class, () -> Passes.byName("fuse-everything"));
    assertTrue(e.getMessage().contains("unknown pass 'fuse-everything'"), e.getMessage());
    for (Pass p : DefaultPipeline.passes()) assertTrue(Passes.names().contains(p.name()), p.name() + " is not registered");
  }
}

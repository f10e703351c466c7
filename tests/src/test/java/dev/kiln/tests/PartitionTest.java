package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Pipeline;
import dev.kiln.diag.SourceFile;
import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.ConstNode;
import dev.kiln.ir.graph.DimNode;
import dev.kiln.ir.graph.ReshapeNode;
import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.PartitionedFunc;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.text.GraphPrinter;
import dev.kiln.passes.partition.Partition;
import dev.kiln.runtime.plan.HostBlocks;
import dev.kiln.runtime.plan.Instr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The partition of every program of tests/programs (control flow included: for, while, if, early
 * return): subgraphs are straight-line and end with their live-outs; the host keeps only control
 * flow and calls of subgraphs; and inlining every subgraph back where it is called gives the
 * original function exactly (same printed IR, same value objects).
 */
class PartitionTest {
  @TestFactory
  Stream<DynamicTest> partitionsInlineBackToTheOriginal() {
    return ProgramsTest.programs().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
  }

  /**
   * The host module runs exactly the partition's subgraphs: the plan's straight-line blocks (what
   * the generated host calls, one {@code r.block(k)} each) hold, in order, the same kernel calls,
   * constants, dims, reshapes and index checks as the subgraphs of the compiled function, in
   * order. Blocks differ only by slot moves ({@code Copy}: a reference passed at a loop or branch
   * boundary, no tensor copied), which the host needs and a subgraph does not hold.
   */
  @TestFactory
  Stream<DynamicTest> hostModuleBlocksAreTheSubgraphs() {
    return ProgramsTest.programs().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
      SourceFile src = Sources.read(p);
      Pipeline.Result r = Pipeline.compile(src, Sources.directives(src).get("model"));
      if (r.host() == null) return;
      List<String> kernelNames = new ArrayList<>(r.module().kernels().keySet());
      List<List<String>> blocks = new ArrayList<>();
      for (List<Instr> b : HostBlocks.collect(r.plan().body())) {
        List<String> ops = new ArrayList<>();
        for (Instr i : b) {
          switch (i) {
            case Instr.Copy c -> { }
            case Instr.CallKernel c -> ops.add("call " + kernelNames.get(c.kernel()));
            default -> ops.add(i.getClass().getSimpleName());
          }
        }
        if (!ops.isEmpty()) blocks.add(ops);
      }
      List<List<String>> subgraphs = new ArrayList<>();
      for (GraphFunc sg : Partition.apply(r.func()).subgraphs().values()) {
        List<String> ops = new ArrayList<>();
        List<GNode> nodes = sg.body().nodes();
        for (GNode n : nodes.subList(0, nodes.size() - 1)) {
          ops.add(switch (n) {
            case CallNode c -> "call " + c.kernel();
            case ConstNode c -> "Const";
            case DimNode d -> "ShapeDim";
            case ReshapeNode rs -> "Reshape";
            case CheckIndexNode c -> "CheckIndex";
            default -> throw new AssertionError("not straight-line: " + n);
          });
        }
        subgraphs.add(ops);
      }
      assertFalse(subgraphs.isEmpty(), p + " has a host module but no subgraph");
      assertEquals(subgraphs, blocks, p + ": host module blocks vs partition subgraphs");
    }));
  }

  private static void check(Path p) {
    SourceFile src = Sources.read(p);
    GraphModule m = Pipeline.frontEnd(src, Sources.directives(src).get("model"));
    for (GraphFunc f : m.funcs()) {
      PartitionedFunc pf = Partition.apply(f);
      for (GraphFunc sg : pf.subgraphs().values()) {
        List<GNode> nodes = sg.body().nodes();
        assertInstanceOf(ReturnNode.class, nodes.get(nodes.size() - 1), sg.name());
        for (GNode n : nodes.subList(0, nodes.size() - 1))
          assertTrue(Partition.straightLine(n), sg.name() + " holds " + n);
        assertFalse(nodes.size() == 1, sg.name() + " is empty");
      }
      hostHasOnlyControlFlow(pf.host().body(), pf.subgraphs());
      GraphFunc inlined = pf.host().withBody(inline(pf.host().body(), pf.subgraphs()));
      assertEquals(GraphPrinter.print(f), GraphPrinter.print(inlined), p + ": inlining the subgraphs gives the original");
    }
  }

  private static void hostHasOnlyControlFlow(Region r, Map<String, GraphFunc> subgraphs) {
    GNode previous = null;
    for (GNode n : r.nodes()) {
      if (n instanceof CallNode c) {
        assertTrue(subgraphs.containsKey(c.kernel()), "host calls kernel " + c.kernel() + " directly");
        assertFalse(previous instanceof CallNode, "two subgraph calls in a row were not merged");
      } else {
        assertFalse(Partition.straightLine(n), "straight-line node left in the host: " + n);
      }
      switch (n) {
        case IfNode i -> { hostHasOnlyControlFlow(i.then(), subgraphs); hostHasOnlyControlFlow(i.otherwise(), subgraphs); }
        case ForNode fo -> hostHasOnlyControlFlow(fo.body(), subgraphs);
        case WhileNode w -> { hostHasOnlyControlFlow(w.cond(), subgraphs); hostHasOnlyControlFlow(w.body(), subgraphs); }
        default -> { }
      }
      previous = n;
    }
  }

  private static Region inline(Region r, Map<String, GraphFunc> subgraphs) {
    List<GNode> out = new ArrayList<>();
    for (GNode n : r.nodes()) {
      switch (n) {
        case CallNode c when subgraphs.containsKey(c.kernel()) -> {
          List<GNode> body = subgraphs.get(c.kernel()).body().nodes();
          out.addAll(body.subList(0, body.size() - 1));
        }
        case IfNode i -> out.add(new IfNode(i.cond(), inline(i.then(), subgraphs), inline(i.otherwise(), subgraphs), i.results(), i.span()));
        case ForNode f -> out.add(new ForNode(f.var(), f.lo(), f.hi(), f.init(), f.carried(), inline(f.body(), subgraphs), f.results(), f.span()));
        case WhileNode w -> out.add(new WhileNode(w.init(), w.carried(), inline(w.cond(), subgraphs), inline(w.body(), subgraphs), w.results(), w.span()));
        default -> out.add(n);
      }
    }
    return new Region(out);
  }
}

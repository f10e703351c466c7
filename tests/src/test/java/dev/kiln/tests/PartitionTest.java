package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Pipeline;
import dev.kiln.diag.SourceFile;
import dev.kiln.ir.graph.CallNode;
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

package dev.kiln.ir.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.diag.KilnException;
import dev.kiln.ir.graph.text.GraphParser;
import dev.kiln.ir.graph.text.GraphPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph IR's text form: exact round trips, every node kind, and errors with spans; the verifier. */
class GraphTextTest {
  static final String KERNEL = """
      func add(X0: f32[D0, 4], X1: f32[4]) -> (Y: f32[D0, 4]) {
        sizes D0
        block root {
          for i0 in 0 .. D0 {
            for i1 in 0 .. 4 {
              block Y(vi0: S[0:D0] = i0, vi1: S[0:4] = i1) {
                reads X0[vi0, vi1], X1[vi1]
                writes Y[vi0, vi1]
                Y[vi0, vi1] = X0[vi0, vi1] + X1[vi1]
              }
            }
          }
        }
      }
      """;

  static final String GRAPH = """
      graph m(%x: f32[B, 4], %n: i32[]) -> (output: f32[B, 4], count: i32[]) {
        param %b: f32[4] from "bias.0"
        %c: f32[] = const 0.5
        %d: i32[] = dim %x, 0
        %r: f32[4, B] = reshape %x
        %y: f32[B, 4] = call add(%x, %b)
        %p: f32[B, 4] = if %n {
          %y2: f32[B, 4] = call add(%y, %b)
          yield %y2
        } else {
          yield %y
        }
        %h: f32[B, 4] = for %t in %n .. %d carry (%acc: f32[B, 4] = %p) {
          check_index %t, %x, 0
          %a2: f32[B, 4] = call add(%acc, %b)
          yield %a2
        }
        %w: f32[B, 4] = while carry (%z: f32[B, 4] = %h) cond {
          yield %n
        } do {
          return %z, %n
        }
        return %w, %d
      }
      """;

  @Test
  void aModuleWithEveryNodeKindRoundTripsExactly() {
    String text = KERNEL + "\n" + GRAPH;
    GraphModule m = GraphParser.parse("t.ir", text);
    assertEquals(1, m.kernels().size());
    assertEquals(List.of("output", "count"), m.funcs().get(0).outputNames());
    assertEquals(text, GraphPrinter.print(m));
    assertEquals(List.of(), GraphVerifier.problems(m));
  }

  @Test
  void parseErrorsPointAtTheToken() {
    KilnException e = assertThrows(KilnException.class,
        () -> GraphParser.parse("t.ir", "graph m(%x: f32[4]) -> (o: f32[4]) {\n  return %y\n}\n"));
    assertEquals("unknown value %y", e.diagnostics().get(0).message());
    assertEquals(2, e.diagnostics().get(0).span().line());
    assertEquals(10, e.diagnostics().get(0).span().column());
  }

  @Test
  void theVerifierReportsBrokenModules() {
    String wrongArity = KERNEL + """
        graph m(%x: f32[B, 4]) -> (output: f32[B, 4]) {
          %y: f32[B, 4] = call add(%x)
          return %y
        }
        """;
    assertProblem(wrongArity, "1 arguments, the kernel has 2");
    String noReturn = KERNEL + """
        graph m(%x: f32[B, 4], %c: bool[]) -> (output: f32[B, 4]) {
          %y: f32[B, 4] = if %c {
            yield %x
          } else {
            yield %x
          }
        }
        """;
    assertProblem(noReturn, "can end without a return");
    String wrongRank = KERNEL + """
        graph m(%x: i32[B, 4]) -> (output: i32[B, 4]) {
          return %x
        }
        graph k(%x: f32[B, 4]) -> (output: f32[4]) {
          return %x
        }
        """;
    assertProblem(wrongRank, "returned value 0");
    String unknownKernel = """
        graph m(%x: f32[4]) -> (output: f32[4]) {
          %y: f32[4] = call nope(%x)
          return %y
        }
        """;
    assertProblem(unknownKernel, "unknown kernel nope");
  }

  @Test
  void aValueUsedOutsideItsRegionIsReported() {
    Value x = new Value("x", new TensorType(dev.kiln.ir.DType.BOOL, List.of()));
    Value inner = new Value("inner", x.type());
    Region then = new Region(List.of(new ConstNode(inner, 1, null), new YieldNode(List.of(), null)));
    Region otherwise = new Region(List.of(new YieldNode(List.of(), null)));
    GraphFunc f = new GraphFunc("m", List.of(x), List.of(), List.of(),
        new Region(List.of(new IfNode(x, then, otherwise, List.of(), null), new ReturnNode(List.of(inner), null))),
        List.of("o"), List.of(x.type()), null);
    List<String> p = GraphVerifier.problems(new GraphModule(java.util.Map.of(), List.of(f)));
    assertTrue(p.stream().anyMatch(s -> s.contains("not in scope")), p.toString());
  }

  private static void assertProblem(String text, String part) {
    List<String> p = GraphVerifier.problems(GraphParser.parse(text));
    assertTrue(p.stream().anyMatch(s -> s.contains(part)), "expected a problem containing '" + part + "', got " + p);
  }

  @Test
  void anIfWhoseBranchesBothReturnEndsTheBody() {
    GraphModule m = GraphParser.parse("""
        graph m(%x: f32[4], %c: bool[]) -> (output: f32[4]) {
          if %c {
            return %x
          } else {
            return %x
          }
        }
        """);
    assertEquals(List.of(), GraphVerifier.problems(m));
    assertEquals(GraphPrinter.print(m), GraphPrinter.print(GraphParser.parse(GraphPrinter.print(m))));
  }
}

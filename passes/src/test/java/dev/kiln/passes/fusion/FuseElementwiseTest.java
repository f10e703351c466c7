package dev.kiln.passes.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.text.GraphParser;
import dev.kiln.ir.tir.MemoryScope;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.passes.PassContext;
import dev.kiln.passes.PassManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fuses and what must not; the before/after texts themselves are in the golden files. */
class FuseElementwiseTest {
  private static GraphModule fuse(GraphModule m) {
    return PassManager.run(m, List.of(new FuseElementwise()), PassContext.defaults());
  }

  private static List<String> calls(GraphModule m) {
    return m.funcs().get(0).body().nodes().stream().filter(n -> n instanceof CallNode)
        .map(n -> ((CallNode) n).kernel()).toList();
  }

  @Test void chainCollapsesIntoOneKernelWithLocalIntermediates() {
    GraphModule out = fuse(GraphParser.parse(Lib.module("""
        graph g(%x: f32[N, 8], %w: f32[8, 8], %b: f32[8]) -> (y: f32[N, 8]) {
          %h: f32[N, 8] = call mm(%x, %w)
          %hb: f32[N, 8] = call addb(%h, %b)
          %y: f32[N, 8] = call relu(%hb)
          return %y
        }
        """, Lib.MM, Lib.ADDB, Lib.RELU)));
    assertEquals(List.of("mm_addb_relu"), calls(out));
    assertEquals(List.of("mm_addb_relu"), List.copyOf(out.kernels().keySet()), "called kernels are dropped");
    PrimFunc k = out.kernels().get("mm_addb_relu");
    assertEquals(List.of("A", "W", "X1"), k.inputs().stream().map(b -> b.name()).toList());
    var root = ((dev.kiln.ir.tir.BlockRealize) k.body()).block();
    assertEquals(List.of("Y_1", "C"), root.allocs().stream().map(b -> b.name()).toList());
    assertTrue(root.allocs().stream().allMatch(b -> b.scope() == MemoryScope.LOCAL));
  }

  @Test void nothingFusibleLeavesTheModuleAsItIs() {
    GraphModule in = GraphParser.parse(Lib.module("""
        graph g(%x: f32[N, 8], %w: f32[8, 8]) -> (y: f32[N, 8], h: f32[N, 8]) {
          %h: f32[N, 8] = call relu(%x)
          %y: f32[N, 8] = call relu(%h)
          return %y, %h
        }
        """, Lib.RELU));
    assertSame(in, new FuseElementwise().run(in, PassContext.defaults()), "a model output is not fused");
  }

  @Test void consumerThatIsNotElementwiseIsNotFused() {
    for (String k : List.of("mm", "rev", "norm")) {
      String args = k.equals("mm") ? "%a, %w" : "%a";
      GraphModule out = fuse(GraphParser.parse(Lib.module("""
          graph g(%x: f32[N, 8], %w: f32[8, 8]) -> (y: f32[N, 8]) {
            %a: f32[N, 8] = call relu(%x)
            %y: f32[N, 8] = call KERNEL(ARGS)
            return %y
          }
          """.replace("KERNEL", k).replace("ARGS", args), Lib.RELU, Lib.MM, Lib.REV, Lib.NORM)));
      assertEquals(List.of("relu", k), calls(out), k);
    }
  }

  @Test void valueWithTwoUsersIsNotFused() {
    GraphModule out = fuse(GraphParser.parse(Lib.module("""
        graph g(%x: f32[N, 8]) -> (y: f32[N, 8]) {
          %a: f32[N, 8] = call relu(%x)
          %b: f32[N, 8] = call rev(%a)
          %c: f32[N, 8] = call rev(%a)
          %y: f32[N, 8] = call add(%b, %c)
          return %y
        }
        """, Lib.REV, Lib.RELU, Lib.ADD)));
    // %b's only user is add: rev fuses into it. rev_add is not elementwise, so %c stays, and %a
    // keeps two users.
    assertEquals(List.of("relu", "rev", "rev_add"), calls(out));
  }

  @Test void diamondWhoseBranchesMergeCollapses() {
    GraphModule out = fuse(GraphParser.parse(Lib.module("""
        graph g(%x: f32[N, 8]) -> (y: f32[N, 8]) {
          %a: f32[N, 8] = call rev(%x)
          %b: f32[N, 8] = call relu(%a)
          %y: f32[N, 8] = call add(%a, %b)
          return %y
        }
        """, Lib.REV, Lib.RELU, Lib.ADD)));
    // relu fuses into add (relu_add reads %a twice); then relu_add is %a's only user.
    assertEquals(List.of("rev_relu_add"), calls(out));
    assertEquals(List.of("X"), out.kernels().get("rev_relu_add").inputs().stream().map(b -> b.name()).toList());
  }

  @Test void producerWithTwoResultsIsNotFused() {
    String split = """
        func split2(X: f32[N, 8]) -> (Y: f32[N, 8], Z: f32[N, 8]) {
          sizes N
          block root {
            for i in 0 .. N {
              for j in 0 .. 8 {
                block Y(vi: S[0:N] = i, vj: S[0:8] = j) {
                  Y[vi, vj] = X[vi, vj]
                  Z[vi, vj] = X[vi, vj]
                }
              }
            }
          }
        }
        """;
    GraphModule out = fuse(GraphParser.parse(Lib.module("""
        graph g(%x: f32[N, 8]) -> (y: f32[N, 8]) {
          %p: f32[N, 8], %q: f32[N, 8] = call split2(%x)
          %y: f32[N, 8] = call add(%p, %q)
          return %y
        }
        """, split, Lib.ADD)));
    assertEquals(List.of("split2", "add"), calls(out));
  }

  @Test void consumerSizeBoundOnlyThroughTheFusedValueInACompoundDimIsNotFused() {
    String copy = """
        func cp(X: f32[2 * N, 8]) -> (Y: f32[2 * N, 8]) {
          sizes N
          block root {
            for i in 0 .. 2 * N {
              for j in 0 .. 8 {
                block Y(vi: S[0:2 * N] = i, vj: S[0:8] = j) {
                  Y[vi, vj] = X[vi, vj]
                }
              }
            }
          }
        }
        """;
    GraphModule out = fuse(GraphParser.parse(Lib.module("""
        graph g(%x: f32[M, 8]) -> (y: f32[M, 8]) {
          %a: f32[M, 8] = call relu(%x)
          %y: f32[M, 8] = call cp(%a)
          return %y
        }
        """, Lib.RELU, copy)));
    assertEquals(List.of("relu", "cp"), calls(out));
  }

  @Test void equalChainsShareOneFusedKernelAndDifferentOnesGetASuffix() {
    GraphModule out = fuse(GraphParser.parse(Lib.module("""
        graph g(%x: f32[N, 8], %z: f32[N, 8]) -> (y: f32[N, 8], u: f32[N, 8], t: f32[N, 8]) {
          %a: f32[N, 8] = call relu(%x)
          %y: f32[N, 8] = call add(%a, %z)
          %b: f32[N, 8] = call relu(%x)
          %u: f32[N, 8] = call add(%b, %z)
          %c: f32[N, 8] = call relu(%x)
          %t: f32[N, 8] = call add(%z, %c)
          return %y, %u, %t
        }
        """, Lib.RELU, Lib.ADD)));
    assertEquals(List.of("relu_add", "relu_add", "relu_add_1"), calls(out));
    assertEquals(2, out.kernels().size());
  }

  @Test void elementwiseDefinition() {
    assertTrue(Elementwise.test(TirParser.parse(Lib.RELU)));
    assertTrue(Elementwise.test(TirParser.parse(Lib.ADDB)), "a broadcast read is elementwise");
    assertTrue(Elementwise.test(TirParser.parse(Lib.ADDB.replace("X1[vj]", "X1[3]"))), "a constant index too");
    assertFalse(Elementwise.test(TirParser.parse(Lib.MM)), "a reduction");
    assertFalse(Elementwise.test(TirParser.parse(Lib.REV)), "a computed index");
    assertFalse(Elementwise.test(TirParser.parse(Lib.NORM)), "a reduce block");
    assertFalse(Elementwise.test(TirParser.parse(Lib.ADD.replace("X1[vi, vj]", "X1[vj, vi]"))), "a transpose");
    assertFalse(Elementwise.test(TirParser.parse(Lib.RELU.replace("Y[vi, vj] =", "Y[vj, vi] ="))), "a permuted store");
    PrimFunc parsed = TirParser.parse(Lib.RELU);
    assertNotNull(parsed);
  }
}

package dev.kiln.passes.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreshCopyTest {
  private static final String NORM = """
      func norm(X: f32[N, 8]) -> (Y: f32[N, 8]) {
        sizes N
        block root {
          alloc m: f32[N]
          for i in 0 .. N {
            for j in 0 .. 8 {
              block m(vi: S[0:N] = i, vj: R[0:8] = j) {
                init { m[vi] = -inf_f32 }
                m[vi] = max(m[vi], X[vi, vj])
              }
            }
          }
          for i2 in 0 .. N {
            for j2 in 0 .. 8 {
              block Y(wi: S[0:N] = i2, wj: S[0:8] = j2) {
                let t: f32 = X[wi, wj]
                Y[wi, wj] = t - m[wi]
              }
            }
          }
        }
      }
      """;

  private static PrimFunc copy(PrimFunc f, FreshCopy c) {
    List<Var> sizes = new ArrayList<>();
    for (Var s : f.sizeVars()) sizes.add(c.freshVar(s));
    List<Buffer> ins = new ArrayList<>();
    for (Buffer b : f.inputs()) ins.add(c.freshBuffer(b));
    List<Buffer> outs = new ArrayList<>();
    for (Buffer b : f.outputs()) outs.add(c.freshBuffer(b));
    return new PrimFunc(f.name(), ins, outs, sizes, c.copy(f.body()));
  }

  @Test void copyIsStructurallyEqualAndSharesNoBinder() {
    PrimFunc f = TirParser.parse(NORM);
    PrimFunc g = copy(f, new FreshCopy());
    assertNull(StructuralEqual.explain(f, g));
    assertEquals(TirPrinter.print(f), TirPrinter.print(g));
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.addAll(f.sizeVars());
    seen.addAll(f.params());
    IrQuery.loops(f.body()).forEach(l -> seen.add(l.var()));
    IrQuery.blocks(f.body()).forEach(b -> {
      b.block().iterVars().forEach(iv -> seen.add(iv.var()));
      seen.addAll(b.block().allocs());
    });
    for (Object o : g.sizeVars()) assertTrue(!seen.contains(o));
    for (Object o : g.params()) assertTrue(!seen.contains(o));
    IrQuery.loops(g.body()).forEach(l -> assertTrue(!seen.contains(l.var()), l.var().name()));
    IrQuery.blocks(g.body()).forEach(b -> {
      b.block().iterVars().forEach(iv -> assertTrue(!seen.contains(iv.var()), iv.var().name()));
      b.block().allocs().forEach(a -> assertTrue(!seen.contains(a), a.name()));
    });
    assertTrue(FreeVars.of(g.body()).stream().allMatch(v -> g.sizeVars().contains(v)));
  }

  @Test void substitutedSizeReachesShapesAndBounds() {
    PrimFunc f = TirParser.parse(NORM);
    FreshCopy c = new FreshCopy();
    c.mapVar(f.sizeVars().get(0), Expr.i32(3));
    Buffer x = c.freshBuffer(f.inputs().get(0));
    Buffer y = c.freshBuffer(f.outputs().get(0));
    PrimFunc g = new PrimFunc("norm3", List.of(x), List.of(y), List.of(), c.copy(f.body()));
    String text = TirPrinter.print(g);
    assertTrue(text.startsWith("func norm3(X: f32[3, 8]) -> (Y: f32[3, 8]) {"), text);
    assertTrue(text.contains("alloc m: f32[3]") && text.contains("for i in 0 .. 3") && !text.contains("N"), text);
  }

  @Test void uniqueNamesRenameClashingBuffersAndTheirBlocks() {
    PrimFunc f = TirParser.parse(NORM);
    UniqueNames names = new UniqueNames();
    PrimFunc a = copy(f, new FreshCopy(names));
    PrimFunc b = copy(f, new FreshCopy(names));
    assertEquals(List.of("X", "Y"), a.params().stream().map(Buffer::name).toList());
    assertEquals(List.of("X_1", "Y_1"), b.params().stream().map(Buffer::name).toList());
    assertEquals(List.of("root_1", "m_1", "Y_1"), IrQuery.blocks(b.body()).stream().map(r -> r.block().name()).toList());
  }
}

package dev.kiln.ir.tir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructuralEqualTest {
  private static final String MATMUL = TirPrinter.print(Fixtures.matmul());

  /** Renames whole-word identifiers, except block names (the word after {@code block}). */
  private static String rename(String text, Map<String, String> names) {
    Matcher m = Pattern.compile("(block )?\\b([A-Za-z_][A-Za-z0-9_]*)\\b").matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String w = m.group(2);
      String r = m.group(1) == null ? names.getOrDefault(w, w) : w;
      m.appendReplacement(sb, Matcher.quoteReplacement((m.group(1) == null ? "" : m.group(1)) + r));
    }
    return m.appendTail(sb).toString();
  }

  @Test
  void renamedCopyIsEqualAndHashesEqual() {
    String renamed = rename(MATMUL, Map.of("M", "rows", "K", "depth", "N", "cols", "A", "lhs", "B", "rhs", "C", "out",
        "i", "p", "j", "q", "vi", "y", "vk", "z"));
    assertNotEquals(MATMUL, renamed);
    assertTrue(renamed.contains("block C(y: S[0:rows] = p"), renamed);
    PrimFunc f = Fixtures.matmul();
    PrimFunc g = TirParser.parse(renamed);
    assertNull(StructuralEqual.explain(f, g));
    assertTrue(StructuralEqual.equal(f, g));
    assertEquals(StructuralHash.hash(f), StructuralHash.hash(g));
  }

  @Test
  void twoBuildsOfTheSameFunctionAreEqual() {
    assertTrue(StructuralEqual.equal(Fixtures.softmaxLike(), Fixtures.softmaxLike()));
    assertTrue(StructuralEqual.equal(Fixtures.kinds(), Fixtures.kinds()));
    assertEquals(StructuralHash.hash(Fixtures.kinds()), StructuralHash.hash(Fixtures.kinds()));
  }

  /** Each edit of the printed matmul makes one kind of difference, which explain() must name. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 .. N parallel|0 .. N vectorized|loop kinds differ",
      "0 .. N parallel|0 .. N thread \"threadIdx.x\"|loop kinds differ",
      "= 0.0f32 }|= -0.0f32 }|constants differ",
      "C[vi, vj] + A|C[vi, vj] - A|operators differ",
      "* B[vk, vj]\\n|* B[vj, vk]\\n|variables differ",
      "+ A[vi, vk]|+ B[vi, vk]|buffers differ",
      "block C(|block D(|block names differ",
      "vk: R[0:K]|vk: S[0:K]|iteration kinds differ",
      "= k) {|= k) where k < 3 {|block C/predicate: expression kinds differ",
      "= i, vj|= j, vj|variables differ",
      "f32[M] local|f32[M] shared|buffer scopes differ",
      "f32[M] local|f32[N] local|variables differ",
      "t: f32[M] local|t: f64[M] local|buffer dtypes differ",
      "sizes M, K, N|sizes M, N, K|variables differ",
      "writes C[vi, vj]|writes C[vi, 0:vj]|block C/writes: expression kinds differ",
      "init { C[vi, vj] = 0.0f32 }|''|statement missing on one side",
      "    alloc t: f32[M] local\\n|''|numbers of allocations differ",
      "C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]|seq { C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj] }|statement kinds differ",
  })
  void eachKindOfDifferenceIsFoundAndExplained(String from, String to, String expected) {
    String fromText = from.replace("\\n", "\n");
    assertTrue(MATMUL.contains(fromText), fromText);
    PrimFunc f = Fixtures.matmul();
    PrimFunc g = TirParser.parse(MATMUL.replace(fromText, to.replace("\\n", "\n")));
    assertFalse(StructuralEqual.equal(f, g));
    String why = StructuralEqual.explain(f, g);
    assertNotNull(why);
    assertTrue(why.contains(expected), why);
    assertNotEquals(StructuralHash.hash(f), StructuralHash.hash(g), "hash should tell apart: " + why);
  }

  @Test
  void explainNamesThePath() {
    PrimFunc g = TirParser.parse(MATMUL.replace("* B[vk, vj]\n", "* B[vj, vk]\n"));
    assertEquals("body/block root/for i/for j/for k/block C/store/value: variables differ (vk: i32 vs vj: i32)",
        StructuralEqual.explain(Fixtures.matmul(), g));
  }

  @Test
  void swappedBoundVariablesDifferButFreeVariablesMustBeIdentical() {
    Var x = Var.index("x");
    Var y = Var.index("y");
    Buffer out = new Buffer("O", DType.I32, List.of());
    Stmt a = For.serial(x, Expr.i32(0), Expr.i32(4), For.serial(y, Expr.i32(0), Expr.i32(4),
        new Store(out, List.of(), new Binary(BinOp.SUB, x, y))));
    Var x2 = Var.index("y");
    Var y2 = Var.index("x");
    Stmt same = For.serial(x2, Expr.i32(0), Expr.i32(4), For.serial(y2, Expr.i32(0), Expr.i32(4),
        new Store(out, List.of(), new Binary(BinOp.SUB, x2, y2))));
    Stmt swapped = For.serial(x2, Expr.i32(0), Expr.i32(4), For.serial(y2, Expr.i32(0), Expr.i32(4),
        new Store(out, List.of(), new Binary(BinOp.SUB, y2, x2))));
    assertTrue(StructuralEqual.equal(a, same));
    assertFalse(StructuralEqual.equal(a, swapped));
    assertEquals(StructuralHash.hash(a), StructuralHash.hash(same));
    assertNotEquals(StructuralHash.hash(a), StructuralHash.hash(swapped));
    assertTrue(StructuralEqual.equal(new Binary(BinOp.ADD, x, Expr.i32(1)), new Binary(BinOp.ADD, x, Expr.i32(1))));
    assertFalse(StructuralEqual.equal(x, Var.index("x")));
    assertTrue(StructuralEqual.explain(x, Var.index("x")).contains("free variables differ"));
  }

  @Test
  void nanEqualsItselfAndSignedZerosDiffer() {
    assertTrue(StructuralEqual.equal(new FloatImm(DType.F32, Double.NaN), new FloatImm(DType.F32, 0.0 / 0.0)));
    assertFalse(StructuralEqual.equal(new FloatImm(DType.F32, 0.0), new FloatImm(DType.F32, -0.0)));
    assertTrue(StructuralEqual.explain(Expr.i32(1), new IntImm(DType.I64, 1)).contains("dtypes differ"));
    assertNotEquals(StructuralHash.hash(Expr.i32(1)), StructuralHash.hash(new IntImm(DType.I64, 1)));
  }

  @Test
  void hashIsStableAcrossRuns() {
    // Golden value: the hash keys tuning records, so a change here invalidates stored records.
    long h = StructuralHash.hash(Fixtures.matmul());
    assertEquals(6375801282776517114L, h);
    assertEquals(h, StructuralHash.hash(TirParser.parse(MATMUL)));
    assertEquals(h, StructuralHash.hash(TirParser.parse(MATMUL.replace("func matmul", "func other"))),
        "the function's name does not take part");
  }
}

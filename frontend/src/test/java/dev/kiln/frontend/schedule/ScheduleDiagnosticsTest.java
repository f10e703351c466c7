package dev.kiln.frontend.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.diag.KilnException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rejection of a schedule, as {@code line:col: message} with lines counted from the schedule body. */
class ScheduleDiagnosticsTest {
  private static List<String> matmul(String body) { return Sources.errors(Sources.MATMUL, body); }

  @Test void unknownPrimitiveWithSuggestion() {
    assertEquals(List.of("1:10: unknown schedule primitive `splt` (did you mean `split`?)"),
        matmul("  a, b = splt(i, 4)\n"));
    assertEquals(List.of("1:3: unknown schedule primitive `frobnicate`"), matmul("  frobnicate(i)\n"));
  }

  @Test void tensorizeChecksItsArgumentsAndExplainsAMismatch() {
    List<String> named = matmul("  P = tensorize(i, \"jvm.gemm_f32\")\n");
    assertEquals(1, named.size(), named.toString());
    org.junit.jupiter.api.Assertions.assertTrue(named.get(0).contains("`tensorize`"), named.get(0));
    List<String> noName = matmul("  tensorize(i)\n");
    assertEquals(1, noName.size(), noName.toString());
    org.junit.jupiter.api.Assertions.assertTrue(noName.get(0).contains("tensorize(axis, \"jvm.gemm_f32\")"), noName.get(0));
    List<String> unknown = matmul("  tensorize(i, \"jvm.gemm_f64\")\n");
    assertEquals(1, unknown.size(), unknown.toString());
    org.junit.jupiter.api.Assertions.assertTrue(unknown.get(0).startsWith("1:3: cannot tensorize loop `i` with \"jvm.gemm_f64\": no such intrinsic; known: jvm.gemm_f32"), unknown.get(0));
    List<String> mismatch = matmul("  tensorize(j, \"jvm.gemm_f32\")\n");
    assertEquals(1, mismatch.size(), mismatch.toString());
    org.junit.jupiter.api.Assertions.assertTrue(mismatch.get(0).startsWith("1:3: cannot tensorize loop `j` with \"jvm.gemm_f32\": no loop of the nest indexes"), mismatch.get(0));
  }

  @Test void wrongArgumentCounts() {
    assertEquals(List.of("1:3: `parallel` takes one axis, got 2 arguments"), matmul("  parallel(i, j)\n"));
    assertEquals(List.of("1:3: `split` needs an axis and at least one factor"), matmul("  a = split(i)\n"));
    assertEquals(List.of("1:3: `fuse` needs at least two axes, got 1"), matmul("  fuse(i)\n"));
    assertEquals(List.of("1:3: `reorder` needs at least two axes, got 1"), matmul("  reorder(i)\n"));
    assertEquals(List.of("1:3: `unroll` needs one axis"), matmul("  unroll()\n"));
  }

  @Test void wrongArgumentKinds() {
    assertEquals(List.of("1:19: argument 2 of `split` must be an integer factor, got a string"),
        matmul("  a, b = split(i, \"x\")\n"));
    assertEquals(List.of("1:19: argument 2 of `split` must be an integer factor, got the name `j`"),
        matmul("  a, b = split(i, j)\n"));
    assertEquals(List.of("1:12: argument 1 of `parallel` must be an axis name, got the integer 3"),
        matmul("  parallel(3)\n"));
  }

  @Test void wrongResultNames() {
    assertEquals(List.of("1:3: `split` with 1 factor makes 2 loops (or 1 when every factor is given); "
        + "name them, e.g. `io, ii = split(...)`, got 0 names"), matmul("  split(i, 32)\n"));
    assertEquals(List.of("1:3: `parallel` makes no new loops to name"), matmul("  a = parallel(i)\n"));
    assertEquals(List.of("1:6: `fuse` makes one loop, got 2 names"), matmul("  a, b = fuse(i, j)\n"));
    assertEquals(List.of("1:6: result name `a` is given twice"), matmul("  a, a = split(i, 4)\n"));
  }

  @Test void unknownAxis() {
    assertEquals(List.of("1:10: unknown axis `kk` (did you mean `k`?); axes: i, j, k"), matmul("  unroll(kk)\n"));
    assertEquals(List.of("2:12: unknown axis `i` (did you mean `io`?); axes: io, ii, j, k"),
        matmul("  io, ii = split(i, 4)\n  parallel(i)\n"));
  }

  @Test void ambiguousAxis() {
    assertEquals(List.of("2:12: axis `i` is ambiguous: loops around blocks `m`, `s` have that name"),
        Sources.errors(Sources.SOFTMAX, "  io, ii = split(i, 4)\n  parallel(i)\n"));
  }

  @Test void primitivePreconditionFailuresPointAtThePrimitive() {
    assertEquals(List.of("1:3: cannot vectorize loop `k`: it binds reduction iter var `vk` of block `C`"),
        matmul("  vectorize(k)\n"));
    assertEquals(List.of("1:3: cannot parallelize loop `k`: it binds reduction iter var `vk` of block `C`"),
        matmul("  parallel(k)\n"));
    assertEquals(List.of("1:3: cannot fuse loops `j` and `k`: `j` binds spatial iter var `vj` of block `C` "
        + "but `k` binds reduction iter var `vk` of block `C`"), matmul("  jk = fuse(j, k)\n"));
    assertEquals(List.of("1:3: cannot split loop `i`: factor 0 is not positive"), matmul("  a, b = split(i, 0)\n"));
    assertEquals(List.of("1:3: cannot reorder: loop `i` is given twice"), matmul("  reorder(i, j, i)\n"));
  }

  @Test void afterTheFirstFailureOnlyIndependentErrorsAreReported() {
    assertEquals(List.of(
            "1:3: cannot parallelize loop `k`: it binds reduction iter var `vk` of block `C`",
            "3:3: unknown schedule primitive `splt` (did you mean `split`?)",
            "4:3: `rfactor` takes 1 argument ([rf =] rfactor(axis)), got 0"),
        matmul("  parallel(k)\n  unroll(zz)\n  splt(i, 2)\n  rfactor()\n"));
  }

  @Test void blockPrimitiveArguments() {
    assertEquals(List.of("1:3: `compute_inline` takes 1 argument (compute_inline(block)), got 2"),
        matmul("  compute_inline(C, i)\n"));
    assertEquals(List.of("1:18: argument 1 of `compute_inline` must be a block name, got the integer 3"),
        matmul("  compute_inline(3)\n"));
    assertEquals(List.of("1:11: argument 2 of `bind` must be a string, got the name `threadIdx`"),
        matmul("  bind(i, threadIdx)\n"));
    assertEquals(List.of("1:3: `compute_inline` makes no new loops to name"), matmul("  a = compute_inline(C)\n"));
    assertEquals(List.of("1:6: `decompose_reduction` makes one block, got 2 names"),
        matmul("  a, b = decompose_reduction(C, k)\n"));
  }

  @Test void cachePrimitiveArguments() {
    assertEquals(List.of("1:3: `cache_read` takes 1 or 2 arguments ([copy =] cache_read([block,] tensor)), got 0"),
        matmul("  cache_read()\n"));
    assertEquals(List.of("1:15: argument 1 of `cache_write` must be a block name, got a string"),
        matmul("  cache_write(\"C\")\n"));
    assertEquals(List.of("1:3: cannot cache_read `Q`: no tensor named `Q`"), matmul("  cache_read(Q)\n"));
    assertEquals(List.of("1:3: cannot cache_read `C` for block `C`: block `C` also writes it"),
        matmul("  cache_read(C, C)\n"));
  }

  @Test void unknownBlockWithSuggestion() {
    assertEquals(List.of("1:26: unknown block `Cc` (did you mean `C`?); blocks: C"),
        matmul("  reverse_compute_inline(Cc)\n"));
  }

  @Test void blockPrimitivePreconditionFailuresPointAtThePrimitive() {
    assertEquals(List.of("1:3: cannot compute_inline block `C`: it is a reduction block"), matmul("  compute_inline(C)\n"));
    assertEquals(List.of("1:3: cannot compute_inline block `Y`: it reads 2 intermediate buffers (`m`, `s`); "
            + "it must read exactly one, its producer's").stream().map(x -> x.replace("compute_inline", "reverse_compute_inline")).toList(),
        Sources.errors(Sources.SOFTMAX, "  reverse_compute_inline(Y)\n"));
    assertEquals(List.of("2:3: cannot decompose_reduction of block `C` at loop `ki`: it is inside loop `ko`, which binds "
            + "reduction iter var `vk` of block `C`; the init must go outside every reduction loop"),
        matmul("  ko, ki = split(k, 4)\n  decompose_reduction(C, ki)\n"));
    assertEquals(List.of("1:3: cannot compute_at block `C` at loop `i`: `C` is a parameter of the function, "
        + "not an intermediate allocated by the root block"), matmul("  compute_at(C, i)\n"));
    assertEquals(List.of("1:3: cannot bind loop `k` to \"threadIdx.x\": it binds reduction iter var `vk` of block `C`"),
        matmul("  bind(k, \"threadIdx.x\")\n"));
  }

  @Test void diagnosticRendersFileLineAndCaret() {
    Sources.Case c = Sources.parse(Sources.MATMUL, "  io, ii = split(i, 32)\n  vectorize(io)\n");
    KilnException e = assertThrows(KilnException.class, c::apply);
    assertEquals("""
        t.kiln:6:3: error: cannot vectorize loop `io`: it is not innermost (it contains loop `ii`)
          vectorize(io)
          ^~~~~~~~~~~~~
        """, e.render());
  }
}

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

  @ParameterizedTest
  @ValueSource(strings = {"bind", "cache_read", "cache_write", "compute_at", "reverse_compute_at", "compute_inline",
      "reverse_compute_inline", "decompose_reduction", "rfactor", "blockize", "tensorize"})
  void recognizedButNotYetSupported(String prim) {
    assertEquals(List.of("1:7: `" + prim + "` is not yet supported by this version of Kiln"),
        matmul("  P = " + prim + "(C, i)\n"));
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
            "4:3: `cache_write` is not yet supported by this version of Kiln"),
        matmul("  parallel(k)\n  unroll(zz)\n  splt(i, 2)\n  cache_write(C)\n"));
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

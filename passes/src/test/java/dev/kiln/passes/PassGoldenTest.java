package dev.kiln.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.text.GraphParser;
import dev.kiln.ir.graph.text.GraphPrinter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Before/after tests in the graph IR's text form. Each file of {@code src/test/resources/golden}
 * starts with {@code // passes: a,b}, then the input module, then a line {@code // ---- expected}
 * and the module the passes must produce. The expectation is compared after parse and re-print,
 * kernel by kernel structurally, and the result must print stably (print, parse, print again).
 * Run with {@code -Dkiln.golden.update=true} to rewrite the expectations after a reviewed change.
 */
class PassGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final String SEPARATOR = "// ---- expected\n";
  private static final String HEADER = "// passes:";

  @TestFactory Stream<DynamicTest> goldenFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".graph")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no golden files in " + DIR.toAbsolutePath());
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path p) throws IOException {
    String text = Files.readString(p);
    assertTrue(text.startsWith(HEADER), p + " must start with " + HEADER);
    String passes = text.substring(HEADER.length(), text.indexOf('\n')).strip();
    int cut = text.indexOf(SEPARATOR);
    String input = text.substring(0, cut < 0 ? text.length() : cut);
    GraphModule out = PassManager.run(GraphParser.parse(p.toString(), input), Passes.parseList(passes),
        PassContext.defaults());
    String actual = GraphPrinter.print(out);
    if (Boolean.getBoolean("kiln.golden.update")) {
      Files.writeString(p, input + SEPARATOR + actual);
      return;
    }
    assertTrue(cut >= 0, p + " has no '" + SEPARATOR.strip() + "' line");
    GraphModule want = GraphParser.parse(p + " (expected)", text.substring(cut + SEPARATOR.length()));
    assertEquals(GraphPrinter.print(want), actual);
    assertEquals(want.kernels().keySet(), out.kernels().keySet());
    for (PrimFunc k : want.kernels().values()) {
      assertNull(StructuralEqual.explain(k, out.kernels().get(k.name())), "kernel " + k.name());
    }
    assertEquals(actual, GraphPrinter.print(GraphParser.parse(actual)), "printing is not stable");
  }
}

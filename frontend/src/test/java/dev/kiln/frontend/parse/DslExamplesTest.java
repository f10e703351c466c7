package dev.kiln.frontend.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.kiln.frontend.ast.Decl;
import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Program;
import dev.kiln.frontend.ast.ScheduleDecl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every snippet of DSL.md (copied to test resources {@code dsl/*.kiln}) parses to the expected definitions. */
class DslExamplesTest {
  /** File name, then the names of its definitions in order (schedules by their op). */
  private static final List<List<String>> FILES = List.of(
      List.of("ops.kiln", "op matmul", "op relu", "op pad2d", "op conv2d", "op softmax_rows"),
      List.of("maxpool_where.kiln", "op max_pool2x2", "op row_mean"),
      List.of("mlp.kiln", "model mlp"),
      List.of("early_exit.kiln", "model early_exit"),
      List.of("rnn.kiln", "model rnn"),
      List.of("schedules.kiln", "schedule matmul", "schedule conv2d", "schedule matmul"),
      List.of("control_flow.kiln", "op split_halves", "model heads", "model loop"));

  static String read(String name) {
    try (InputStream in = DslExamplesTest.class.getResourceAsStream("/dsl/" + name)) {
      assertNotNull(in, "missing test resource dsl/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Program parseFile(String name) {
    return KilnParser.parse("dsl/" + name, read(name));
  }

  @TestFactory Stream<DynamicTest> everyExampleParses() {
    return FILES.stream().map(f -> DynamicTest.dynamicTest(f.get(0), () -> {
      Program p = parseFile(f.get(0));
      List<String> names = new ArrayList<>();
      for (Decl d : p.decls()) names.add(describe(d));
      assertEquals(f.subList(1, f.size()), names);
      assertEquals(p.file().text().length(), p.span().end());
    }));
  }

  private static String describe(Decl d) {
    return switch (d) {
      case OpDecl o -> "op " + o.name().name();
      case ModelDecl m -> "model " + m.name().name();
      case ScheduleDecl s -> "schedule " + s.target().op().name();
    };
  }

  @Test void importsAreCollectedWithTheirPath() {
    Program p = parseFile("mlp.kiln");
    assertEquals(1, p.imports().size());
    assertEquals("std/nn", p.imports().get(0).path());
  }

  @Test void bodiesAreNotEmpty() {
    for (List<String> f : FILES) {
      for (Decl d : parseFile(f.get(0)).decls()) {
        switch (d) {
          case OpDecl o -> assertFalse(o.body().isEmpty(), o.name().name());
          case ModelDecl m -> assertFalse(m.body().isEmpty(), m.name().name());
          case ScheduleDecl s -> assertFalse(s.body().isEmpty(), s.target().op().name());
        }
      }
    }
  }
}

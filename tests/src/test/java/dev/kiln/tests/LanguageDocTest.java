package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.Frontend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every ```kiln block of docs/language.md and README.md is a complete file that checks cleanly, and each model in it compiles. */
class LanguageDocTest {
  @TestFactory
  Stream<DynamicTest> everyKilnExampleInTheReferenceChecks() throws Exception {
    String doc = Files.readString(Path.of("docs/language.md")) + Files.readString(Path.of("README.md"));
    List<String> blocks = new ArrayList<>();
    for (int at = doc.indexOf("```kiln\n"); at >= 0; at = doc.indexOf("```kiln\n", at + 1)) {
      int start = at + "```kiln\n".length();
      blocks.add(doc.substring(start, doc.indexOf("```", start)));
    }
    assertTrue(blocks.size() >= 4, "the reference has its examples");
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      String text = blocks.get(i);
      tests.add(DynamicTest.dynamicTest("example " + (i + 1), () -> {
        SourceFile f = new SourceFile("docs/language.md#example", text);
        var lib = Frontend.check(f);
        for (var m : lib.mainModels()) Frontend.compile(lib, m.name().name());
      }));
    }
    return tests.stream();
  }
}

package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example in README.md, compiled with javac and run as written. */
class ReadmeExampleTest {
  static final String MARKER = "<!-- embedding example:";

  @TempDir Path tmp;

  @Test
  void theReadmeEmbeddingExampleCompilesAndRuns() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf(MARKER);
    assertTrue(at >= 0, "README.md has the embedding example marker");
    int start = readme.indexOf("```java\n", at) + "```java\n".length();
    String code = readme.substring(start, readme.indexOf("```", start));
    assertTrue(code.lines().filter(l -> !l.isBlank() && !l.startsWith("import")).count() <= 10,
        "the example stays about ten lines");
    Path file = tmp.resolve("Example.java");
    Files.writeString(file, code);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diag = new ByteArrayOutputStream();
    int rc = javac.run(null, diag, diag, "-cp", System.getProperty("java.class.path"), "-d", tmp.toString(),
        file.toString());
    assertEquals(0, rc, diag.toString(StandardCharsets.UTF_8));
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("Example").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("f32[4, 10]"), "the example prints the mlp's output summary: " + printed);
    assertTrue(List.of(printed.split("\n")).size() >= 1);
  }
}

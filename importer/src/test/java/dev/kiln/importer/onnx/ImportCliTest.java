package dev.kiln.importer.onnx;

import static dev.kiln.importer.onnx.OnnxModels.FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCliTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Path model, Path kiln, String name, List<String> shapes) {
    return ImportCli.run(model, kiln, name, shapes, new PrintWriter(out), new PrintWriter(err));
  }

  private Path model() throws IOException {
    return new OnnxModels(13).input("x", FLOAT, "N", 3L)
        .node("Sigmoid", "act", List.of("x"), List.of("y")).output("y", FLOAT, "N", 3L).write(dir, "tiny.onnx");
  }

  @Test void successWritesBothFiles() throws IOException {
    assertEquals(0, run(model(), dir.resolve("out.kiln"), "tiny", List.of("x=2,3")));
    assertTrue(out.toString().startsWith("wrote " + dir.resolve("out.kiln") + " (model `tiny`"), out.toString());
    assertEquals("", err.toString());
    String text = Files.readString(dir.resolve("out.kiln"));
    assertTrue(text.contains("model tiny(x: f32[2, 3])") && text.contains("y = sigmoid(x)"), text);
    assertTrue(Files.exists(dir.resolve("out.safetensors")));
  }

  @Test void errorsNameTheModelFileAndWriteNothing() throws IOException {
    Path m = model();
    assertEquals(1, run(m, dir.resolve("out.kiln"), null, List.of("x=2")));
    assertEquals(m + ": error: --input-shape gives 1 dimensions for input `x`, which has 2\n",
        err.toString().replace(System.lineSeparator(), "\n"));
    assertFalse(Files.exists(dir.resolve("out.kiln")));
    assertFalse(Files.exists(dir.resolve("out.safetensors")));
  }

  @Test void missingAndCorruptModels() throws IOException {
    assertEquals(1, run(dir.resolve("nope.onnx"), dir.resolve("o.kiln"), null, List.of()));
    assertTrue(err.toString().startsWith(dir.resolve("nope.onnx") + ": error: no such file"), err.toString());
    Path bad = Files.write(dir.resolve("bad.onnx"), new byte[] {1, 2, 3, 4, 5});
    assertEquals(1, run(bad, dir.resolve("o.kiln"), null, List.of()));
    assertTrue(err.toString().contains(bad + ": error: not an ONNX model"), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
  }

  @Test void anUnknownInputIsNamedWithTheModelsInputs() throws IOException {
    assertEquals(1, run(model(), dir.resolve("o.kiln"), null, List.of("y=2,3")));
    assertTrue(err.toString().contains("--input-shape names `y`, which is not an input of the model; its inputs: x"),
        err.toString());
  }

  @Test void inputShapeSyntax() {
    assertEquals(new ImportCli.InputShape("input_ids", List.of(1L, 128L)), ImportCli.InputShape.parse("input_ids=1,128"));
    assertEquals(List.of(-1L, 3L), ImportCli.InputShape.parse("a=b=-1,3").dims());
    for (String bad : List.of("x", "=1", "x=", "x=1,,2", "x=0", "x=-2", "x=a")) {
      assertThrows(ImportException.class, () -> ImportCli.InputShape.parse(bad), bad);
    }
  }

  @Test void badModelNameIsAnError() throws IOException {
    assertEquals(1, run(model(), dir.resolve("o.kiln"), "my-model", List.of()));
    assertTrue(err.toString().contains("the model name `my-model` is not a Kiln identifier"), err.toString());
  }
}

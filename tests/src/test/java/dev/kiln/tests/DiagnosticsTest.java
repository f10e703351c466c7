package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.Frontend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-program corpus in tests/diagnostics/: each file marks every line an error must point at
 * with a trailing {@code // error: <part of the message>}. Checking the file must fail with a user
 * error (never an internal one or another exception), with exactly one or more diagnostics on
 * each marked line whose messages contain the marked text, and none on other lines.
 */
class DiagnosticsTest {
  private static final Pattern MARK = Pattern.compile("//\\s*error:\\s*(.+?)\\s*$");

  @TestFactory
  Stream<DynamicTest> everyBadProgramIsReportedWhereItIsMarked() {
    List<Path> files = Sources.kilnFiles(Path.of("tests/diagnostics"));
    assertTrue(files.size() >= 40, "the corpus has at least 40 bad programs, found " + files.size());
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  static void check(Path p) {
    SourceFile src = Sources.read(p);
    Map<Integer, String> marks = new TreeMap<>();
    String[] lines = src.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARK.matcher(lines[i]);
      if (m.find()) marks.put(i + 1, m.group(1));
    }
    assertTrue(!marks.isEmpty(), p + " marks no error");
    List<Diagnostic> ds;
    try {
      Frontend.check(src);
      fail(p + ": expected errors on lines " + marks.keySet() + ", got none");
      return;
    } catch (KilnException e) {
      ds = e.diagnostics();
    }
    Map<Integer, List<String>> got = new TreeMap<>();
    for (Diagnostic d : ds) {
      assertTrue(d.span().isKnown(), p + ": a diagnostic without a location: " + d.message());
      assertEquals(src.path(), d.span().file().path(), p + ": diagnostic in another file: " + d.render());
      got.computeIfAbsent(d.span().line(), k -> new ArrayList<>()).add(d.message());
    }
    assertEquals(marks.keySet(), got.keySet(), p + ": lines with errors; got:\n" + render(ds));
    for (var e : marks.entrySet()) {
      boolean any = got.get(e.getKey()).stream().anyMatch(m -> m.contains(e.getValue()));
      assertTrue(any, p + ":" + e.getKey() + ": expected a message containing '" + e.getValue() + "', got "
          + got.get(e.getKey()));
    }
  }

  private static String render(List<Diagnostic> ds) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : ds) sb.append(d.render());
    return sb.toString();
  }
}

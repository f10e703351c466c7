package dev.kiln.frontend.parse;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.Assign;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.Program;
import java.util.ArrayList;
import java.util.List;

/** Test helper: parse snippets and read back errors as {@code line:col: message}. */
final class Parse {
  private Parse() {}

  static Program program(String text) {
    return KilnParser.parse("test.kiln", text);
  }

  /** Parses {@code e} as the value of an assignment in a model and returns it. */
  static Expr expr(String e) {
    Program p = program("model m(x: f32) -> f32 {\n  v = " + e + "\n}\n");
    return ((Assign) ((ModelDecl) p.decls().get(0)).body().get(0)).value();
  }

  /** The errors of a program that must fail, as {@code line:col: message}, in order. */
  static List<String> errors(String text) {
    KilnException e = assertThrows(KilnException.class, () -> program(text));
    List<String> out = new ArrayList<>();
    for (Diagnostic d : e.diagnostics()) out.add(d.span().line() + ":" + d.span().column() + ": " + d.message());
    return out;
  }
}

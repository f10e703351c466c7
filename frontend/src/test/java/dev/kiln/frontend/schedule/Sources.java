package dev.kiln.frontend.schedule;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.Decl;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Program;
import dev.kiln.frontend.ast.ScheduleDecl;
import dev.kiln.frontend.op.OpLowering;
import dev.kiln.frontend.parse.KilnParser;
import dev.kiln.ir.tir.PrimFunc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: an op and a schedule in one source; the lowered op; the applier's errors. */
final class Sources {
  private Sources() {}

  static final String MATMUL = """
      op matmul(A: f32[M, K], B: f32[K, N]) -> C: f32[M, N] {
        C[i, j] += A[i, k] * B[k, j]
      }
      """;

  static final String SOFTMAX = """
      op softmax_rows(X: f32[N, D]) -> Y: f32[N, D] {
        m[i]    max= X[i, j]
        s[i]    += exp(X[i, j] - m[i])
        Y[i, j]  = exp(X[i, j] - m[i]) / s[i]
      }
      """;

  record Case(PrimFunc func, ScheduleDecl schedule) {
    PrimFunc apply() { return ScheduleApplier.apply(schedule, func); }
  }

  /** {@code op} followed by {@code schedule <op name> { body }} (body lines start on line 1 + op lines + 1). */
  static Case parse(String op, String body) {
    Program p = KilnParser.parse("t.kiln", op + "schedule x {\n" + body + "}\n");
    OpDecl o = null;
    ScheduleDecl s = null;
    for (Decl d : p.decls()) {
      if (d instanceof OpDecl od) o = od;
      if (d instanceof ScheduleDecl sd) s = sd;
    }
    return new Case(OpLowering.lower(o, Map.of()), s);
  }

  /** The applier's diagnostics as {@code line:col: message}, lines counted within the schedule body (1 = first line). */
  static List<String> errors(String op, String body) {
    Case c = parse(op, body);
    KilnException e = assertThrows(KilnException.class, c::apply);
    int opLines = (int) op.chars().filter(ch -> ch == '\n').count() + 1;
    List<String> out = new ArrayList<>();
    for (Diagnostic d : e.diagnostics()) out.add((d.span().line() - opLines) + ":" + d.span().column() + ": " + d.message());
    return out;
  }
}

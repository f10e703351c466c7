package dev.kiln.frontend.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kiln.frontend.ast.Assign;
import dev.kiln.frontend.ast.ForStmt;
import dev.kiln.frontend.ast.IfStmt;
import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.OpStmt;
import dev.kiln.frontend.ast.ParamDecl;
import dev.kiln.frontend.ast.ReturnStmt;
import dev.kiln.frontend.ast.SchedStmt;
import dev.kiln.frontend.ast.ScheduleDecl;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.WhereRange;
import dev.kiln.frontend.ast.WhileStmt;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclParseTest {
  private static OpDecl op(String file, int i) { return (OpDecl) DslExamplesTest.parseFile(file).decls().get(i); }

  private static ModelDecl model(String file, int i) { return (ModelDecl) DslExamplesTest.parseFile(file).decls().get(i); }

  @Test void opSignatureWithAttributesAndDefaults() {
    OpDecl conv = op("ops.kiln", 3);
    assertEquals(List.of("X", "Wt"), conv.inputs().stream().map(p -> p.name().name()).toList());
    assertEquals("f32[F, C, KH, KW]", Sexp.of(conv.inputs().get(1).type()));
    assertEquals(1, conv.attrs().size());
    assertEquals("stride", conv.attrs().get(0).name().name());
    assertEquals("int", conv.attrs().get(0).type().elem());
    assertFalse(conv.attrs().get(0).type().isTensor());
    assertEquals("1", Sexp.of(conv.attrs().get(0).defaultValue()));
    assertEquals("f32[N, F, (+ (/ (- H KH) stride) 1), (+ (/ (- W KW) stride) 1)]", Sexp.of(conv.outputs().get(0).type()));
    OpDecl pad = op("ops.kiln", 2);
    assertNull(pad.attrs().get(0).defaultValue());
    assertEquals("f32[N, C, (+ H (* 2 p)), (+ W (* 2 p))]", Sexp.of(pad.outputs().get(0).type()));
  }

  @Test void opStatementsKeepTheirReductionOperator() {
    OpDecl softmax = op("ops.kiln", 4);
    assertEquals(List.of("max=", "+=", "="), softmax.body().stream().map(OpStmt::op).toList());
    OpStmt m = softmax.body().get(0);
    assertEquals("m", m.target().name());
    assertEquals(List.of("i"), m.indices().stream().map(i -> i.name()).toList());
    assertTrue(m.isReduction());
    assertFalse(softmax.body().get(2).isReduction());
    assertEquals("(/ exp((- X[i, j] m[i])) s[i])", Sexp.of(softmax.body().get(2).value()));
    var all = Parse.program("op f(X: f32[N]) -> Y: f32[] { Y[] *= X[i]\n Z min= X[i]\n Y[] = Z }");
    assertEquals(List.of("*=", "min=", "="), ((OpDecl) all.decls().get(0)).body().stream().map(OpStmt::op).toList());
    assertEquals(List.of(), ((OpDecl) all.decls().get(0)).body().get(1).indices());
    assertEquals("f32[]", Sexp.of(((OpDecl) all.decls().get(0)).outputs().get(0).type()));
  }

  @Test void whereClausesSpanSeveralRanges() {
    OpStmt s = op("maxpool_where.kiln", 0).body().get(0);
    assertEquals("max=", s.op());
    assertEquals(2, s.where().size());
    WhereRange dy = s.where().get(0);
    assertEquals("dy", dy.var().name());
    assertEquals("0", Sexp.of(dy.lo()));
    assertEquals("2", Sexp.of(dy.hi()));
    assertEquals("dx", s.where().get(1).var().name());
    assertEquals("X[n, c, (+ (* 2 y) dy), (+ (* 2 x) dx)]", Sexp.of(s.value()));
  }

  @Test void severalOutputsNamedAndUnnamed() {
    OpDecl halves = op("control_flow.kiln", 0);
    assertEquals(List.of("L", "R"), halves.outputs().stream().map(p -> p.name().name()).toList());
    ModelDecl heads = model("control_flow.kiln", 1);
    assertEquals(List.of("logits", "rest"), heads.outputs().stream().map(p -> p.name().name()).toList());
    assertEquals("f32[B, 11]", Sexp.of(heads.outputs().get(1).type()));
    ModelDecl mlp = model("mlp.kiln", 0);
    assertEquals(1, mlp.outputs().size());
    assertNull(mlp.outputs().get(0).name());
    var p = Parse.program("model m(x: f32) -> (f32[2], y: i32) { return x, x }");
    ModelDecl m = (ModelDecl) p.decls().get(0);
    assertNull(m.outputs().get(0).name());
    assertEquals("y", m.outputs().get(1).name().name());
  }

  @Test void modelStatements() {
    ModelDecl mlp = model("mlp.kiln", 0);
    ParamDecl w1 = (ParamDecl) mlp.body().get(0);
    assertNull(w1.fromKey());
    assertEquals("w1", w1.key());
    assertEquals("fc2.weight", ((ParamDecl) mlp.body().get(2)).key());
    assertEquals("softmax((+ (@ h w2) b2), axis: 1)", Sexp.of(((ReturnStmt) mlp.body().get(5)).values().get(0)));
    ForStmt loop = (ForStmt) model("rnn.kiln", 0).body().get(4);
    assertEquals("t", loop.var().name());
    assertEquals("T", Sexp.of(loop.hi()));
    assertEquals("tanh((+ (+ (@ xs[t] wx) (@ h wh)) b))", Sexp.of(((Assign) loop.body().get(0)).value()));
  }

  @Test void elseIfNestsAndWhileAndMultipleAssignment() {
    ModelDecl loop = model("control_flow.kiln", 2);
    Assign ab = (Assign) loop.body().get(0);
    assertEquals(List.of("a", "b"), ab.targets().stream().map(t -> t.name()).toList());
    WhileStmt w = (WhileStmt) loop.body().get(2);
    assertEquals("(&& (< k n) (! (> max(a) 1.0e3)))", Sexp.of(w.cond()));
    assertEquals(2, w.body().size());
    IfStmt top = (IfStmt) loop.body().get(3);
    assertEquals("x[:1]", Sexp.of(((ReturnStmt) top.then().get(0)).values().get(0)));
    IfStmt elseIf = assertInstanceOf(IfStmt.class, top.otherwise().get(0));
    assertEquals(1, top.otherwise().size());
    assertEquals("(!= (% k 2) 0)", Sexp.of(elseIf.cond()));
    assertEquals("(* f32(i32(k)) x)", Sexp.of(((Assign) elseIf.otherwise().get(0)).value()));
    ReturnStmt two = (ReturnStmt) model("control_flow.kiln", 1).body().get(0);
    assertEquals(List.of("x[:, 0:5]", "x[:, 5:]"), two.values().stream().map(Sexp::of).toList());
    IfStmt noElse = (IfStmt) model("early_exit.kiln", 0).body().get(6);
    assertTrue(noElse.otherwise().isEmpty());
  }

  @Test void scheduleTargetsAndStatements() {
    var p = DslExamplesTest.parseFile("schedules.kiln");
    ScheduleDecl matmul = (ScheduleDecl) p.decls().get(0);
    assertNull(matmul.target().model());
    assertNull(matmul.target().use());
    SchedStmt split = matmul.body().get(0);
    assertEquals(List.of("io", "ii"), split.results().stream().map(r -> r.name()).toList());
    assertEquals("split", split.primitive().name());
    assertEquals(List.of("i", "32"), split.args().stream().map(Sexp::of).toList());
    SchedStmt reorder = matmul.body().get(3);
    assertTrue(reorder.results().isEmpty());
    assertEquals(6, reorder.args().size());
    ScheduleDecl conv = (ScheduleDecl) p.decls().get(1);
    assertEquals("jvm.fma_f32", ((StringLit) conv.body().get(4).args().get(1)).value());
    ScheduleDecl use = (ScheduleDecl) p.decls().get(2);
    assertEquals("mlp", use.target().model().name());
    assertEquals("matmul", use.target().op().name());
    assertEquals(1, use.target().use());
    ScheduleDecl all = (ScheduleDecl) Parse.program("schedule mlp.dense { split(i, 4, 8) }").decls().get(0);
    assertEquals("mlp", all.target().model().name());
    assertNull(all.target().use());
    assertEquals(3, all.body().get(0).args().size());
  }

  @Test void emptyInputsAndAttributeOnlyOps() {
    var p = Parse.program("op iota(; n: int) -> Y: i32[n] { Y[i] = i }\nop k() -> Y: f32[] { Y[] = 1.0 }");
    OpDecl iota = (OpDecl) p.decls().get(0);
    assertTrue(iota.inputs().isEmpty());
    assertEquals("n", iota.attrs().get(0).name().name());
    assertTrue(((OpDecl) p.decls().get(1)).inputs().isEmpty());
  }
}

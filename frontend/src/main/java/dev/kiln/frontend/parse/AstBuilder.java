package dev.kiln.frontend.parse;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.InternalCompilerError;
import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.Decl;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.Import;
import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.OpStmt;
import dev.kiln.frontend.ast.Param;
import dev.kiln.frontend.ast.Program;
import dev.kiln.frontend.ast.SchedStmt;
import dev.kiln.frontend.ast.ScheduleDecl;
import dev.kiln.frontend.ast.ScheduleTarget;
import dev.kiln.frontend.ast.WhereRange;
import dev.kiln.grammar.KilnParser.ImportDeclContext;
import dev.kiln.grammar.KilnParser.ModelDeclContext;
import dev.kiln.grammar.KilnParser.OpDeclContext;
import dev.kiln.grammar.KilnParser.OpStmtContext;
import dev.kiln.grammar.KilnParser.OutputContext;
import dev.kiln.grammar.KilnParser.OutputsContext;
import dev.kiln.grammar.KilnParser.ParamContext;
import dev.kiln.grammar.KilnParser.ParamListContext;
import dev.kiln.grammar.KilnParser.ProgramContext;
import dev.kiln.grammar.KilnParser.SchedStmtContext;
import dev.kiln.grammar.KilnParser.ScheduleDeclContext;
import dev.kiln.grammar.KilnParser.ScheduleTargetContext;
import dev.kiln.grammar.KilnParser.TopLevelContext;
import dev.kiln.grammar.KilnParser.WhereRangeContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the AST of one file from an error-free parse tree, top-level definitions first.
 *
 * <p>A straight recursive walk: each grammar rule maps to one AST record, spans are the tokens
 * the rule matched. Imports are collected separately from definitions, both in source order.
 * Rules the grammar accepts more loosely than the language are checked here and reported as
 * diagnostics (the walk goes on so every such error is found): op outputs must be named, only
 * op attributes take defaults, left-hand indices of an op statement are plain names, a schedule
 * use index needs a model and is at least 1, and schedule primitives take positional arguments.
 */
final class AstBuilder {
  private final SourceFile file;
  private final SourceSpans spans;
  private final DiagnosticSink sink;
  private final ExprBuilder exprs;
  private final ModelStmtBuilder modelStmts;

  AstBuilder(SourceSpans spans, DiagnosticSink sink) {
    this.file = spans.file();
    this.spans = spans;
    this.sink = sink;
    this.exprs = new ExprBuilder(spans, sink);
    this.modelStmts = new ModelStmtBuilder(spans, exprs);
  }

  Program program(ProgramContext c) {
    List<Import> imports = new ArrayList<>();
    List<Decl> decls = new ArrayList<>();
    for (TopLevelContext t : c.topLevel()) {
      if (t.importDecl() != null) imports.add(importDecl(t.importDecl()));
      else if (t.opDecl() != null) decls.add(op(t.opDecl()));
      else if (t.modelDecl() != null) decls.add(model(t.modelDecl()));
      else if (t.scheduleDecl() != null) decls.add(schedule(t.scheduleDecl()));
      else throw new InternalCompilerError("empty top-level definition in a clean parse");
    }
    return new Program(file, imports, decls, new Span(file, 0, file.text().length()));
  }

  private Import importDecl(ImportDeclContext c) {
    return new Import(Literals.string(c.STRING().getText()), spans.of(c));
  }

  // ---- op -------------------------------------------------------------------------------------

  private OpDecl op(OpDeclContext c) {
    List<Param> inputs = params(c.inputs, "only attributes (after ';') can have a default value");
    List<Param> attrs = params(c.attrs, null);
    List<Param> outputs = outputs(c.outputs());
    for (Param p : outputs) {
      if (p.name() == null) sink.error(p.span(), "an op output needs a name, as in '-> Y: f32[N]'");
    }
    List<OpStmt> body = new ArrayList<>();
    for (OpStmtContext s : c.opStmt()) body.add(opStmt(s));
    return new OpDecl(exprs.ident(c.NAME()), inputs, attrs, outputs, body, spans.of(c));
  }

  private OpStmt opStmt(OpStmtContext c) {
    List<Ident> indices = new ArrayList<>();
    for (var e : c.expr().subList(0, c.expr().size() - 1)) {
      Expr index = exprs.expr(e);
      if (index instanceof Name n) {
        indices.add(new Ident(n.name(), n.span()));
      } else {
        sink.error(index.span(), "an index on the left of '" + c.reduceOp().getText()
            + "' must be a plain index variable");
      }
    }
    Expr value = exprs.expr(c.expr().getLast());
    List<WhereRange> where = new ArrayList<>();
    if (c.whereClause() != null) {
      for (WhereRangeContext w : c.whereClause().whereRange()) {
        where.add(new WhereRange(exprs.ident(w.NAME()), exprs.expr(w.expr(0)), exprs.expr(w.expr(1)), spans.of(w)));
      }
    }
    return new OpStmt(exprs.ident(c.NAME()), indices, c.reduceOp().getText(), value, where, spans.of(c));
  }

  // ---- model ----------------------------------------------------------------------------------

  private ModelDecl model(ModelDeclContext c) {
    List<Param> inputs = params(c.paramList(), "a model input cannot have a default value");
    return new ModelDecl(exprs.ident(c.NAME()), inputs, outputs(c.outputs()),
        modelStmts.statements(c.modelStmt()), spans.of(c));
  }

  // ---- shared -----------------------------------------------------------------------------------

  /** The parameters of a list; a default is reported with {@code noDefault} unless that is null. */
  private List<Param> params(ParamListContext list, String noDefault) {
    List<Param> out = new ArrayList<>();
    if (list == null) return out;
    for (ParamContext p : list.param()) {
      Expr dflt = p.expr() == null ? null : exprs.expr(p.expr());
      if (dflt != null && noDefault != null) sink.error(dflt.span(), noDefault);
      out.add(new Param(exprs.ident(p.NAME()), exprs.type(p.typeRef()), noDefault == null ? dflt : null, spans.of(p)));
    }
    return out;
  }

  private List<Param> outputs(OutputsContext c) {
    List<Param> out = new ArrayList<>();
    for (OutputContext o : c.output()) {
      Ident name = o.NAME() == null ? null : exprs.ident(o.NAME());
      out.add(new Param(name, exprs.type(o.typeRef()), null, spans.of(o)));
    }
    return out;
  }

  // ---- schedule -------------------------------------------------------------------------------

  private ScheduleDecl schedule(ScheduleDeclContext c) {
    List<SchedStmt> body = new ArrayList<>();
    for (SchedStmtContext s : c.schedStmt()) body.add(schedStmt(s));
    return new ScheduleDecl(target(c.scheduleTarget()), body, spans.of(c));
  }

  private ScheduleTarget target(ScheduleTargetContext c) {
    var names = c.NAME();
    Ident model = names.size() == 2 ? exprs.ident(names.get(0)) : null;
    Ident op = exprs.ident(names.getLast());
    Integer use = null;
    if (c.INT() != null) {
      var useTok = c.INT().getSymbol();
      long n = Literals.integer(useTok.getText());
      if (model == null) {
        sink.error(spans.range(c.HASH().getSymbol(), useTok), "a use index needs the model: write 'model." + op + "#"
            + useTok.getText() + "'");
      } else if (n < 1 || n > Integer.MAX_VALUE) {
        sink.error(spans.of(useTok), "a use index counts from 1");
      } else {
        use = (int) n;
      }
    }
    return new ScheduleTarget(model, op, use, spans.of(c));
  }

  private SchedStmt schedStmt(SchedStmtContext c) {
    var names = c.NAME();
    List<Ident> results = new ArrayList<>();
    for (int i = 0; i < names.size() - 1; i++) results.add(exprs.ident(names.get(i)));
    List<Expr> args = new ArrayList<>();
    List<NamedArg> named = new ArrayList<>();
    exprs.arguments(c.argList(), args, named, "positional argument after a named argument");
    for (NamedArg n : named) {
      sink.error(n.name().span(), "schedule primitives take positional arguments only");
    }
    return new SchedStmt(results, exprs.ident(names.getLast()), args, spans.of(c));
  }
}

package dev.kiln.frontend.parse;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.frontend.ast.Assign;
import dev.kiln.frontend.ast.ForStmt;
import dev.kiln.frontend.ast.IfStmt;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.ModelStmt;
import dev.kiln.frontend.ast.ParamDecl;
import dev.kiln.frontend.ast.ReturnStmt;
import dev.kiln.frontend.ast.WhileStmt;
import dev.kiln.grammar.KilnParser.AssignStmtContext;
import dev.kiln.grammar.KilnParser.BlockContext;
import dev.kiln.grammar.KilnParser.ForStmtContext;
import dev.kiln.grammar.KilnParser.IfStmtAltContext;
import dev.kiln.grammar.KilnParser.IfStmtContext;
import dev.kiln.grammar.KilnParser.ModelStmtContext;
import dev.kiln.grammar.KilnParser.ParamStmtContext;
import dev.kiln.grammar.KilnParser.ReturnStmtContext;
import dev.kiln.grammar.KilnParser.WhileStmtContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds model-body statements from an error-free parse tree: one AST record per statement
 * form. {@code else if} becomes an else branch holding a single {@link IfStmt}; a {@code param}
 * without {@code from} gets a null key (the AST defaults it to the name).
 */
final class ModelStmtBuilder {
  private final SourceSpans spans;
  private final ExprBuilder exprs;

  ModelStmtBuilder(SourceSpans spans, ExprBuilder exprs) {
    this.spans = spans;
    this.exprs = exprs;
  }

  List<ModelStmt> statements(List<ModelStmtContext> cs) {
    List<ModelStmt> out = new ArrayList<>(cs.size());
    for (ModelStmtContext c : cs) out.add(statement(c));
    return out;
  }

  private ModelStmt statement(ModelStmtContext c) {
    return switch (c) {
      case ParamStmtContext p -> new ParamDecl(exprs.ident(p.NAME()), exprs.type(p.typeRef()),
          p.STRING() == null ? null : Literals.string(p.STRING().getText()), spans.of(p));
      case AssignStmtContext a -> {
        List<Ident> targets = new ArrayList<>();
        for (TerminalNode n : a.NAME()) targets.add(exprs.ident(n));
        yield new Assign(targets, exprs.expr(a.expr()), spans.of(a));
      }
      case IfStmtAltContext i -> ifStmt(i.ifStmt());
      case ForStmtContext f -> new ForStmt(exprs.ident(f.NAME()), exprs.expr(f.expr(0)), exprs.expr(f.expr(1)),
          block(f.block()), spans.of(f));
      case WhileStmtContext w -> new WhileStmt(exprs.expr(w.expr()), block(w.block()), spans.of(w));
      case ReturnStmtContext r -> new ReturnStmt(exprs.exprs(r.expr()), spans.of(r));
      default -> throw new InternalCompilerError("unknown model statement " + c.getClass().getSimpleName());
    };
  }

  private IfStmt ifStmt(IfStmtContext c) {
    List<ModelStmt> otherwise;
    if (c.ifStmt() != null) otherwise = List.of(ifStmt(c.ifStmt()));
    else if (c.block().size() > 1) otherwise = block(c.block(1));
    else otherwise = List.of();
    return new IfStmt(exprs.expr(c.expr()), block(c.block(0)), otherwise, spans.of(c));
  }

  private List<ModelStmt> block(BlockContext c) {
    return statements(c.modelStmt());
  }
}

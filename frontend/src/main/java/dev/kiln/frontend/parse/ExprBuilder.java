package dev.kiln.frontend.parse;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.InternalCompilerError;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.BoolLit;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.Ident;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.frontend.ast.TypeRef;
import dev.kiln.frontend.ast.UnaryExpr;
import dev.kiln.grammar.KilnLexer;
import dev.kiln.grammar.KilnParser.AddExprContext;
import dev.kiln.grammar.KilnParser.AndExprContext;
import dev.kiln.grammar.KilnParser.ArgContext;
import dev.kiln.grammar.KilnParser.ArgListContext;
import dev.kiln.grammar.KilnParser.BadPrimaryContext;
import dev.kiln.grammar.KilnParser.CallPrimaryContext;
import dev.kiln.grammar.KilnParser.CmpExprContext;
import dev.kiln.grammar.KilnParser.ExprContext;
import dev.kiln.grammar.KilnParser.FalsePrimaryContext;
import dev.kiln.grammar.KilnParser.FloatPrimaryContext;
import dev.kiln.grammar.KilnParser.IntPrimaryContext;
import dev.kiln.grammar.KilnParser.ListPrimaryContext;
import dev.kiln.grammar.KilnParser.MulExprContext;
import dev.kiln.grammar.KilnParser.NamePrimaryContext;
import dev.kiln.grammar.KilnParser.NamedArgContext;
import dev.kiln.grammar.KilnParser.OrExprContext;
import dev.kiln.grammar.KilnParser.ParenPrimaryContext;
import dev.kiln.grammar.KilnParser.PointSubscriptContext;
import dev.kiln.grammar.KilnParser.PositionalArgContext;
import dev.kiln.grammar.KilnParser.PostfixExprContext;
import dev.kiln.grammar.KilnParser.PrimaryContext;
import dev.kiln.grammar.KilnParser.SliceSubscriptContext;
import dev.kiln.grammar.KilnParser.StringPrimaryContext;
import dev.kiln.grammar.KilnParser.SubscriptContext;
import dev.kiln.grammar.KilnParser.TruePrimaryContext;
import dev.kiln.grammar.KilnParser.TypeRefContext;
import dev.kiln.grammar.KilnParser.UnaryExprContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds AST expressions and written types from an error-free parse tree.
 *
 * <p>Each binary precedence level is a flat chain {@code operand (op operand)*} in the tree and
 * folds to the left here, so {@code a - b - c} is {@code (a - b) - c}. A binary node's span runs
 * from the first token of its left operand to the last of its right one (parentheses included).
 * Parentheses make no node of their own. Checks that the grammar leaves to this stage: chained
 * comparisons ({@code a < b < c}) and positional arguments after named ones are diagnostics.
 */
final class ExprBuilder {
  private final SourceSpans spans;
  private final DiagnosticSink sink;

  ExprBuilder(SourceSpans spans, DiagnosticSink sink) {
    this.spans = spans;
    this.sink = sink;
  }

  Ident ident(TerminalNode name) { return ident(name.getSymbol()); }

  Ident ident(Token name) { return new Ident(name.getText(), spans.of(name)); }

  Expr expr(ExprContext c) { return or(c.orExpr()); }

  List<Expr> exprs(List<ExprContext> cs) {
    List<Expr> out = new ArrayList<>(cs.size());
    for (ExprContext c : cs) out.add(expr(c));
    return out;
  }

  /** {@code f32}, {@code f32[]} or {@code f32[B, 784]}; dims are null without brackets. */
  TypeRef type(TypeRefContext c) {
    List<Expr> dims = c.LBRACK() == null ? null : exprs(c.expr());
    return new TypeRef(c.NAME().getText(), dims, spans.of(c));
  }

  private Expr or(OrExprContext c) { return chain(c, x -> and((AndExprContext) x)); }

  private Expr and(AndExprContext c) { return chain(c, x -> cmp((CmpExprContext) x)); }

  private Expr cmp(CmpExprContext c) {
    if (c.getChildCount() > 3) {
      Token second = ((TerminalNode) c.getChild(3)).getSymbol();
      sink.error(spans.of(second), "comparisons do not chain: write 'a < b && b < c' instead of 'a < b < c'");
    }
    return chain(c, x -> add((AddExprContext) x));
  }

  private Expr add(AddExprContext c) { return chain(c, x -> mul((MulExprContext) x)); }

  private Expr mul(MulExprContext c) { return chain(c, x -> unary((UnaryExprContext) x)); }

  /** Folds {@code operand (op operand)*} to the left. */
  private Expr chain(ParserRuleContext c, Function<ParserRuleContext, Expr> operand) {
    Expr left = operand.apply((ParserRuleContext) c.getChild(0));
    for (int i = 1; i + 1 < c.getChildCount(); i += 2) {
      String op = c.getChild(i).getText();
      ParserRuleContext rightCtx = (ParserRuleContext) c.getChild(i + 1);
      Expr right = operand.apply(rightCtx);
      left = new BinaryExpr(op, left, right, spans.range(c.getStart(), rightCtx.getStop()));
    }
    return left;
  }

  private Expr unary(UnaryExprContext c) {
    if (c.postfixExpr() != null) return postfix(c.postfixExpr());
    return new UnaryExpr(c.getChild(0).getText(), unary(c.unaryExpr()), spans.of(c));
  }

  /** {@code primary [s, ...] [s, ...]}: each bracket group wraps what came before. */
  private Expr postfix(PostfixExprContext c) {
    Expr base = primary(c.primary());
    List<Subscript> subs = new ArrayList<>();
    for (int i = 1; i < c.getChildCount(); i++) {
      var child = c.getChild(i);
      if (child instanceof SubscriptContext s) {
        subs.add(subscript(s));
      } else if (child instanceof TerminalNode t && t.getSymbol().getType() == KilnLexer.RBRACK) {
        base = new IndexExpr(base, subs, spans.range(c.getStart(), t.getSymbol()));
        subs = new ArrayList<>();
      }
    }
    return base;
  }

  private Subscript subscript(SubscriptContext c) {
    return switch (c) {
      case PointSubscriptContext p -> Subscript.point(expr(p.expr()));
      case SliceSubscriptContext s -> new Subscript(s.lo == null ? null : expr(s.lo),
          s.hi == null ? null : expr(s.hi), true, spans.of(s));
      default -> throw new InternalCompilerError("unknown subscript " + c.getClass().getSimpleName());
    };
  }

  private Expr primary(PrimaryContext c) {
    return switch (c) {
      case CallPrimaryContext p -> call(p);
      case NamePrimaryContext p -> new Name(p.NAME().getText(), spans.of(p));
      case IntPrimaryContext p -> new IntLit(Literals.integer(p.INT().getText()), spans.of(p));
      case FloatPrimaryContext p -> new FloatLit(Literals.floating(p.FLOAT().getText()), p.FLOAT().getText(), spans.of(p));
      case StringPrimaryContext p -> new StringLit(Literals.string(p.STRING().getText()), spans.of(p));
      case TruePrimaryContext p -> new BoolLit(true, spans.of(p));
      case FalsePrimaryContext p -> new BoolLit(false, spans.of(p));
      case ParenPrimaryContext p -> expr(p.expr());
      case ListPrimaryContext p -> new ListExpr(exprs(p.expr()), spans.of(p));
      case BadPrimaryContext p -> throw new InternalCompilerError("AST built over a bad literal " + p.getText());
      default -> throw new InternalCompilerError("unknown primary " + c.getClass().getSimpleName());
    };
  }

  private CallExpr call(CallPrimaryContext c) {
    List<Expr> args = new ArrayList<>();
    List<NamedArg> named = new ArrayList<>();
    arguments(c.argList(), args, named, "positional argument after a named argument");
    return new CallExpr(ident(c.NAME()), args, named, spans.of(c));
  }

  /** Splits an argument list; a positional argument after a named one is reported with {@code misorder}. */
  void arguments(ArgListContext list, List<Expr> args, List<NamedArg> named, String misorder) {
    if (list == null) return;
    for (ArgContext a : list.arg()) {
      switch (a) {
        case NamedArgContext n -> named.add(new NamedArg(ident(n.NAME()), expr(n.expr()), spans.of(n)));
        case PositionalArgContext p -> {
          Expr e = expr(p.expr());
          if (!named.isEmpty()) sink.error(e.span(), misorder);
          args.add(e);
        }
        default -> throw new InternalCompilerError("unknown argument " + a.getClass().getSimpleName());
      }
    }
  }
}

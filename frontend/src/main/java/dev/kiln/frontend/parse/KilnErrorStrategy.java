package dev.kiln.frontend.parse;

import dev.kiln.grammar.KilnLexer;
import dev.kiln.grammar.KilnParser.BlockContext;
import dev.kiln.grammar.KilnParser.ForStmtContext;
import dev.kiln.grammar.KilnParser.IfStmtContext;
import dev.kiln.grammar.KilnParser.ImportDeclContext;
import dev.kiln.grammar.KilnParser.ModelDeclContext;
import dev.kiln.grammar.KilnParser.OpDeclContext;
import dev.kiln.grammar.KilnParser.ParamContext;
import dev.kiln.grammar.KilnParser.ParamStmtContext;
import dev.kiln.grammar.KilnParser.ProgramContext;
import dev.kiln.grammar.KilnParser.ScheduleDeclContext;
import dev.kiln.grammar.KilnParser.WhereRangeContext;
import dev.kiln.grammar.KilnParser.WhileStmtContext;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's default recovery (single-token insertion and deletion, then resynchronisation on the
 * follow sets) with messages written for people instead of token-set dumps.
 *
 * <p>Every message names what was found ({@code 'foo'}, "end of file") and, where the expected
 * set can be said in a few words (see {@link Expectations}), what was expected. When exactly one
 * token was expected, the rule being parsed adds where: "expected '{' after model signature".
 * The offending token is the one passed to the error listeners, so the diagnostic points at it.
 */
final class KilnErrorStrategy extends DefaultErrorStrategy {
  private static final IntervalSet TOP_LEVEL = new IntervalSet(
      KilnLexer.IMPORT, KilnLexer.OP, KilnLexer.MODEL, KilnLexer.SCHEDULE, Token.EOF);
  private static final IntervalSet NEVER_DELETED = new IntervalSet(
      KilnLexer.IMPORT, KilnLexer.OP, KilnLexer.MODEL, KilnLexer.SCHEDULE,
      KilnLexer.PARAM, KilnLexer.IF, KilnLexer.FOR, KilnLexer.WHILE, KilnLexer.RETURN);

  /**
   * At the top level, skips what cannot start a definition and resumes at the next {@code op},
   * {@code model}, {@code schedule} or {@code import}, so one stray token costs one diagnostic and
   * the definitions after it are still checked. (ANTLR's own sync would abandon the whole file.)
   */
  @Override
  public void sync(Parser recognizer) {
    var in = recognizer.getInputStream();
    if (recognizer.getContext() instanceof ProgramContext && !TOP_LEVEL.contains(in.LA(1))) {
      if (!inErrorRecoveryMode(recognizer)) {
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        recognizer.notifyErrorListeners(t, "expected 'op', 'model', 'schedule' or 'import', found "
            + Expectations.found(t), null);
      }
      while (!TOP_LEVEL.contains(in.LA(1))) recognizer.consume();
      return;
    }
    super.sync(recognizer);
  }

  /**
   * Limits ANTLR's "drop one stray token" repair. A keyword that starts a definition or a
   * statement is never dropped: resynchronising on it (what happens instead) keeps what follows
   * intact, so its own errors are still found. Nor is a token dropped when the token after it
   * starts a later line: that token most likely begins the next statement, and gluing it onto the
   * broken one (as in {@code h = )} followed by {@code y = 1}) would turn one error into two.
   */
  @Override
  protected Token singleTokenDeletion(Parser recognizer) {
    var in = recognizer.getInputStream();
    int next = in.LA(1);
    if (NEVER_DELETED.contains(next)) return null;
    if (in.LA(2) != Token.EOF && in.LT(2).getLine() > in.LT(1).getLine()) return null;
    return super.singleTokenDeletion(recognizer);
  }

  @Override
  protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
    Token offending = e.getOffendingToken();
    String expected = e.getStartToken().getTokenIndex() == offending.getTokenIndex()
        ? expectations(recognizer).describe(e.getExpectedTokens()) : null;
    recognizer.notifyErrorListeners(offending, message(expected, null, offending), e);
  }

  @Override
  protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
    IntervalSet expectedSet = e.getExpectedTokens();
    String expected = expectations(recognizer).describe(expectedSet);
    String where = expectedSet.size() == 1 ? where(e.getCtx(), expectedSet.getMinElement()) : null;
    recognizer.notifyErrorListeners(e.getOffendingToken(), message(expected, where, e.getOffendingToken()), e);
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    Token t = recognizer.getCurrentToken();
    String expected = expectations(recognizer).describe(getExpectedTokens(recognizer));
    String msg = "unexpected " + Expectations.found(t) + (expected == null ? "" : ", expected " + expected);
    recognizer.notifyErrorListeners(t, msg, null);
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    Token t = recognizer.getCurrentToken();
    IntervalSet expectedSet = getExpectedTokens(recognizer);
    String expected = expectations(recognizer).describe(expectedSet);
    String where = expectedSet.size() == 1 ? where(recognizer.getContext(), expectedSet.getMinElement()) : null;
    recognizer.notifyErrorListeners(t, message(expected, where, t), null);
  }

  private static Expectations expectations(Parser recognizer) {
    return new Expectations(recognizer.getVocabulary());
  }

  private static String message(String expected, String where, Token found) {
    if (expected == null) return "unexpected " + Expectations.found(found);
    return "expected " + expected + (where == null ? "" : " " + where) + ", found " + Expectations.found(found);
  }

  /** Where in the construct a single expected token belongs, or null. */
  static String where(RuleContext ctx, int type) {
    if (ctx instanceof BlockContext && type == KilnLexer.LBRACE) ctx = ctx.getParent();
    return switch (ctx) {
      case ModelDeclContext _ -> decl("model", type);
      case OpDeclContext _ -> decl("op", type);
      case ScheduleDeclContext _ -> type == KilnLexer.LBRACE ? "after schedule target" : null;
      case ImportDeclContext _ -> type == KilnLexer.STRING ? "after 'import'" : null;
      case IfStmtContext _ -> type == KilnLexer.LBRACE ? "after the condition of 'if'" : null;
      case WhileStmtContext _ -> type == KilnLexer.LBRACE ? "after the condition of 'while'" : null;
      case ForStmtContext _ -> switch (type) {
        case KilnLexer.LBRACE -> "after the range of 'for'";
        case KilnLexer.IN -> "after the loop variable";
        case KilnLexer.DOTDOT -> "in the range of 'for' (write 'lo .. hi')";
        default -> null;
      };
      case WhereRangeContext _ -> switch (type) {
        case KilnLexer.IN -> "after the variable of a where clause";
        case KilnLexer.DOTDOT -> "in the range of a where clause (write 'lo .. hi')";
        default -> null;
      };
      case ParamContext _ -> type == KilnLexer.COLON ? "after the parameter name" : null;
      case ParamStmtContext _ -> type == KilnLexer.COLON ? "after the param name" : null;
      case null, default -> null;
    };
  }

  private static String decl(String kind, int type) {
    return switch (type) {
      case KilnLexer.LBRACE -> "after " + kind + " signature";
      case KilnLexer.LPAREN -> "after the " + kind + " name";
      case KilnLexer.RPAREN -> "to close the " + kind + " inputs";
      case KilnLexer.ARROW -> "and the outputs after the " + kind + " inputs";
      case KilnLexer.NAME -> "after '" + kind + "'";
      default -> null;
    };
  }
}

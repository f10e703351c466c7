package dev.kiln.frontend.parse;

import static dev.kiln.grammar.KilnLexer.*;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Human descriptions of tokens and of the set of tokens the parser expected.
 *
 * <p>An expected set is described by dropping the lexer's error tokens and folding well-known
 * groups into one phrase: the starts of a top-level definition become "'op', 'model', 'schedule'
 * or 'import'", the starts of a model statement "a statement", the starts of an expression "an
 * expression", and the operators that could continue an expression are dropped (listing them
 * helps nobody). What is left is listed as {@code 'a', 'b' or 'c'}; a set that stays larger than
 * five items is not described at all ({@code null}), and the caller then only says what was
 * unexpected.
 */
final class Expectations {
  private static final int[] TOP_START = {IMPORT, OP, MODEL, SCHEDULE};
  private static final int[] STMT_START = {PARAM, IF, FOR, WHILE, RETURN};
  private static final int[] EXPR_CORE = {NAME, INT, LPAREN};
  private static final int[] EXPR_START = {NAME, INT, FLOAT, STRING, TRUE, FALSE, LPAREN, LBRACK, MINUS, BANG};
  private static final int[] CONTINUATION = {OROR, ANDAND, EQ, NE, LT, LE, GT, GE, PLUS, MINUS, STAR,
      SLASH, PERCENT, AT, LBRACK, LPAREN};
  private static final int[] ERROR_TOKENS = {BAD_NUMBER, UNTERMINATED_STRING, UNTERMINATED_COMMENT, BAD_CHAR};
  private static final int MAX_ITEMS = 5;

  private final Vocabulary vocabulary;

  Expectations(Vocabulary vocabulary) { this.vocabulary = vocabulary; }

  /** The token as found in the text: {@code 'foo'}, or "end of file". */
  static String found(Token t) {
    if (t.getType() == Token.EOF) return "end of file";
    String text = t.getText();
    if (text.length() > 24) text = text.substring(0, 21) + "...";
    return "'" + text.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }

  /** One token type in words: {@code '{'}, "a name", "an integer". */
  String describe(int type) {
    return switch (type) {
      case Token.EOF -> "end of file";
      case NAME -> "a name";
      case INT -> "an integer";
      case FLOAT -> "a number";
      case STRING -> "a string";
      case MAX_ASSIGN -> "'max='";
      case MIN_ASSIGN -> "'min='";
      default -> {
        String literal = vocabulary.getLiteralName(type);
        yield literal != null ? literal : vocabulary.getDisplayName(type);
      }
    };
  }

  /** The expected set in words, or null when it is too large to be useful. */
  String describe(IntervalSet expected) {
    IntervalSet rest = new IntervalSet(expected);
    removeAll(rest, ERROR_TOKENS);
    List<String> items = new ArrayList<>();
    if (containsAll(rest, TOP_START)) {
      items.add("'op'");
      items.add("'model'");
      items.add("'schedule'");
      items.add("'import'");
      removeAll(rest, TOP_START);
      rest.remove(Token.EOF);
    }
    if (containsAll(rest, STMT_START)) {
      items.add("a statement");
      removeAll(rest, STMT_START);
      rest.remove(NAME);
    }
    boolean expression = containsAll(rest, EXPR_CORE);
    if (expression) {
      items.add("an expression");
      removeAll(rest, EXPR_START);
    }
    if (countIn(rest, CONTINUATION) >= 3) removeAll(rest, CONTINUATION);
    for (int type : rest.toList()) items.add(describe(type));
    if (items.isEmpty() || items.size() > MAX_ITEMS) return null;
    return join(items);
  }

  private static String join(List<String> items) {
    if (items.size() == 1) return items.get(0);
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  private static boolean containsAll(IntervalSet set, int[] types) {
    for (int t : types) if (!set.contains(t)) return false;
    return true;
  }

  private static int countIn(IntervalSet set, int[] types) {
    int n = 0;
    for (int t : types) if (set.contains(t)) n++;
    return n;
  }

  private static void removeAll(IntervalSet set, int[] types) {
    for (int t : types) set.remove(t);
  }
}

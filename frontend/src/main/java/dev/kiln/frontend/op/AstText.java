package dev.kiln.frontend.op;

import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.BoolLit;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.NamedArg;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.frontend.ast.UnaryExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints AST expressions for diagnostics in a canonical form ({@code y - p},
 * {@code X[n, c, y - p, x - p]}), inserting parentheses only where precedence needs them, so
 * messages read the same whether the AST came from the parser or was built by hand.
 */
final class AstText {
  private AstText() {}

  static String of(Expr e) { return print(e, 0); }

  private static int prec(String op) {
    return switch (op) {
      case "||" -> 1;
      case "&&" -> 2;
      case "==", "!=", "<", "<=", ">", ">=" -> 3;
      case "+", "-" -> 4;
      default -> 5;
    };
  }

  private static String print(Expr e, int outer) {
    return switch (e) {
      case Name n -> n.name();
      case IntLit i -> Long.toString(i.value());
      case FloatLit f -> f.text() != null ? f.text() : Double.toString(f.value());
      case BoolLit b -> Boolean.toString(b.value());
      case StringLit s -> '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      case UnaryExpr u -> paren(u.op() + print(u.operand(), 6), 6, outer);
      case BinaryExpr b -> {
        int p = prec(b.op());
        // left-associative: the right operand needs parentheses at equal precedence
        yield paren(print(b.left(), p) + " " + b.op() + " " + print(b.right(), p + 1), p, outer);
      }
      case CallExpr c -> {
        List<String> parts = new ArrayList<>();
        for (Expr a : c.args()) parts.add(print(a, 0));
        for (NamedArg na : c.namedArgs()) parts.add(na.name().name() + ": " + print(na.value(), 0));
        yield c.callee().name() + "(" + String.join(", ", parts) + ")";
      }
      case IndexExpr ix -> {
        List<String> parts = new ArrayList<>();
        for (Subscript s : ix.subscripts()) parts.add(subscript(s));
        yield print(ix.base(), 7) + "[" + String.join(", ", parts) + "]";
      }
      case ListExpr l -> {
        List<String> parts = new ArrayList<>();
        for (Expr x : l.elems()) parts.add(print(x, 0));
        yield "[" + String.join(", ", parts) + "]";
      }
    };
  }

  private static String subscript(Subscript s) {
    if (!s.slice()) return print(s.lo(), 0);
    return (s.lo() == null ? "" : print(s.lo(), 0)) + ":" + (s.hi() == null ? "" : print(s.hi(), 0));
  }

  private static String paren(String text, int prec, int outer) {
    return prec < outer ? "(" + text + ")" : text;
  }
}

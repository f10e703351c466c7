package dev.kiln.ir.tir.text;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.List;

/**
 * Prints expressions with the fewest parentheses that parse back to the same tree. Precedence,
 * lowest first: {@code ||}, {@code &&}, {@code == !=}, {@code < <= > >=}, {@code + -},
 * {@code * / %}, unary {@code - !}, atoms. All binary operators associate to the left, so a left
 * operand is parenthesized when it binds looser than its parent and a right operand when it binds
 * no tighter. The operand of a unary operator is parenthesized unless it is an atom other than a
 * literal (so {@code -(5)} is a negation, {@code -5} a literal).
 */
final class ExprPrinter {
  static final int ATOM = 8;
  static final int UNARY = 7;

  private final Names names;

  ExprPrinter(Names names) { this.names = names; }

  static int precedence(BinOp op) {
    return switch (op) {
      case OR -> 1;
      case AND -> 2;
      case EQ, NE -> 3;
      case LT, LE, GT, GE -> 4;
      case ADD, SUB -> 5;
      case MUL, DIV, MOD -> 6;
      case MIN, MAX, POW -> ATOM;
    };
  }

  static int precedence(Expr e) {
    return switch (e) {
      case Binary b -> precedence(b.op());
      case Unary u -> UNARY;
      default -> ATOM;
    };
  }

  String print(Expr e) { return print(e, 0); }

  String print(Expr e, int context) {
    String s = switch (e) {
      case IntImm i -> Literals.intLit(i);
      case FloatImm f -> Literals.floatLit(f);
      case Var v -> names.of(v, v.name());
      case Load l -> names.of(l.buffer(), l.buffer().name()) + "[" + list(l.indices()) + "]";
      case Binary b when b.op().isFunction() -> b.op().symbol() + "(" + print(b.a()) + ", " + print(b.b()) + ")";
      case Binary b -> infix(b.op(), b.a(), b.b());
      case Unary u -> u.op().symbol() + operand(u.a());
      case Select s2 -> "select(" + print(s2.cond()) + ", " + print(s2.t()) + ", " + print(s2.f()) + ")";
      case Cast c -> c.dtype().text() + "(" + print(c.value()) + ")";
      case Call c -> c.function() + "(" + list(c.args()) + ")";
    };
    return precedence(e) < context ? "(" + s + ")" : s;
  }

  /** {@code a op b} for an infix operator, without building the node (its operands may differ in dtype). */
  String infix(BinOp op, Expr a, Expr b) {
    int p = precedence(op);
    return print(a, p) + " " + op.symbol() + " " + print(b, p + 1);
  }

  private String operand(Expr a) {
    boolean atom = precedence(a) == ATOM && !(a instanceof IntImm) && !(a instanceof FloatImm);
    return atom ? print(a) : "(" + print(a) + ")";
  }

  String list(List<Expr> es) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < es.size(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(print(es.get(i)));
    }
    return sb.toString();
  }
}

package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.UnaryExpr;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dimension expressions written in model code ({@code B * T}, {@code T - 1}, {@code 512}): the
 * dims of a {@code reshape} target and the bounds of a slice. Algorithm: integer literals, the
 * model's dimension names (the symbols bound by its inputs), unary minus and {@code + - * /}
 * (floor division) are translated into a simplified i32 expression of the loop-nest IR over the
 * model's symbols; anything else (a tensor, a loop variable, a float) is a diagnostic at the
 * offending sub-expression, an unknown name one with a suggestion.
 */
final class ModelDims {
  private ModelDims() {}

  /** The expression as an i32 dim expression over the model's symbols, simplified. */
  static dev.kiln.ir.tir.Expr of(Expr e, LoweringContext cx, Scope scope) {
    return Simplify.expr(translate(e, cx, scope));
  }

  /** True when {@code e} mentions a name (so it is not a plain constant). */
  static boolean symbolic(Expr e) {
    return switch (e) {
      case Name n -> true;
      case BinaryExpr b -> symbolic(b.left()) || symbolic(b.right());
      case UnaryExpr u -> symbolic(u.operand());
      default -> false;
    };
  }

  private static dev.kiln.ir.tir.Expr translate(Expr e, LoweringContext cx, Scope scope) {
    return switch (e) {
      case IntLit l -> new IntImm(DType.I32, l.value());
      case Name n -> {
        Var s = cx.symbols.get(n.name());
        if (s != null) yield s;
        if (scope.get(n.name()) != null) {
          throw new KilnException(n.span(), "`" + n.name() + "` is a value, not a dimension of the model; a dimension "
              + "here is a number or a dimension name of the model's inputs (" + known(cx) + ")");
        }
        throw new KilnException(n.span(), "unknown dimension `" + n.name() + "`"
            + Suggest.didYouMean(n.name(), new ArrayList<>(cx.symbols.keySet())) + "; the model's dimensions are "
            + known(cx));
      }
      case UnaryExpr u when u.op().equals("-") -> new Binary(BinOp.SUB, new IntImm(DType.I32, 0),
          translate(u.operand(), cx, scope));
      case BinaryExpr b when List.of("+", "-", "*", "/").contains(b.op()) -> {
        BinOp op = switch (b.op()) {
          case "+" -> BinOp.ADD;
          case "-" -> BinOp.SUB;
          case "*" -> BinOp.MUL;
          default -> BinOp.DIV;
        };
        yield new Binary(op, translate(b.left(), cx, scope), translate(b.right(), cx, scope));
      }
      default -> throw new KilnException(e.span(), "expected a dimension: an integer, a dimension name of the model, "
          + "or an expression of them with + - * /");
    };
  }

  private static String known(LoweringContext cx) {
    return cx.symbols.isEmpty() ? "none: every input has static dims" : String.join(", ", cx.symbols.keySet());
  }

  /** The variables an expression mentions, in order of first appearance. */
  static Set<Var> vars(dev.kiln.ir.tir.Expr e) {
    Set<Var> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(dev.kiln.ir.tir.Expr e, Set<Var> out) {
    switch (e) {
      case Var v -> out.add(v);
      case Binary b -> {
        collect(b.a(), out);
        collect(b.b(), out);
      }
      default -> { }
    }
  }
}

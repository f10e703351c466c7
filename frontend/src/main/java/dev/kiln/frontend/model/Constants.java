package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.BoolLit;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.UnaryExpr;
import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.List;

/** Evaluates compile-time constant expressions in model code: attribute values, axes, shapes. */
final class Constants {
  private Constants() {}

  static Operand.Lit literal(Expr e) {
    return switch (e) {
      case IntLit l -> new Operand.Lit(l.value(), DType.I32, l.span());
      case FloatLit l -> new Operand.Lit(l.value(), DType.F32, l.span());
      case BoolLit l -> new Operand.Lit(l.value() ? 1 : 0, DType.BOOL, l.span());
      case UnaryExpr u when u.op().equals("-") -> {
        Operand.Lit l = literal(u.operand());
        if (l.kind() == DType.BOOL) throw new KilnException(u.span(), "`-` needs a number");
        yield new Operand.Lit(-l.value(), l.kind(), u.span());
      }
      case BinaryExpr b when !b.op().equals("@") -> (Operand.Lit) ConstantFolding.fold(b.op(), literal(b.left()),
          literal(b.right()), b.span());
      default -> throw new KilnException(e.span(), "expected a constant here");
    };
  }

  static long integer(Expr e) {
    Operand.Lit l = literal(e);
    if (l.kind() != DType.I32) throw new KilnException(e.span(), "expected an integer constant");
    return (long) l.value();
  }

  static List<Long> integers(Expr e) {
    if (!(e instanceof ListExpr l)) return List.of(integer(e));
    List<Long> out = new ArrayList<>();
    for (Expr x : l.elems()) out.add(integer(x));
    return out;
  }
}

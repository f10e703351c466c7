package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.ir.DType;

/** Folds an operator applied to two literals (integer division and modulo are floor, as everywhere in Kiln). */
final class ConstantFolding {
  private ConstantFolding() {}

  static Operand fold(String op, Operand.Lit x, Operand.Lit y, Span at) {
    boolean logic = op.equals("&&") || op.equals("||");
    if (logic != (x.kind() == DType.BOOL) || logic != (y.kind() == DType.BOOL)) {
      throw new KilnException(at, logic ? "`" + op + "` needs bool operands" : "`" + op + "` needs numbers");
    }
    DType t = x.kind() == DType.F32 || y.kind() == DType.F32 ? DType.F32 : x.kind();
    double a = x.value();
    double b = y.value();
    boolean ints = t == DType.I32;
    double v;
    switch (op) {
      case "+" -> v = a + b;
      case "-" -> v = a - b;
      case "*" -> v = a * b;
      case "/" -> {
        if (ints && b == 0) throw new KilnException(at, "integer division by zero");
        v = ints ? Math.floorDiv((long) a, (long) b) : a / b;
      }
      case "%" -> {
        if (ints && b == 0) throw new KilnException(at, "integer modulo by zero");
        v = ints ? Math.floorMod((long) a, (long) b) : a - Math.floor(a / b) * b;
      }
      case "&&" -> v = (a != 0 && b != 0) ? 1 : 0;
      case "||" -> v = (a != 0 || b != 0) ? 1 : 0;
      default -> {
        boolean r = switch (op) {
          case "==" -> a == b;
          case "!=" -> a != b;
          case "<" -> a < b;
          case "<=" -> a <= b;
          case ">" -> a > b;
          case ">=" -> a >= b;
          default -> throw new IllegalStateException(op);
        };
        return new Operand.Lit(r ? 1 : 0, DType.BOOL, at);
      }
    }
    return new Operand.Lit(v, t, at);
  }
}

package dev.kiln.backend.jvm;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Buffer;
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
import java.util.Map;
import java.util.Set;

/**
 * Translates a loop-nest IR expression into a fully parenthesized Java expression with the
 * reference interpreter's semantics: i64 is {@code long}, other integers compute as {@code int}
 * (i8/i16 loads widen, u8 loads mask with 255), integer {@code /} and {@code %} are
 * {@code Math.floorDiv/floorMod}, f32/f16/bf16 compute as {@code float}, f64 as {@code double};
 * float {@code %}, {@code pow} and math calls go to helpers copied from
 * {@code dev.kiln.ir.interp.ScalarOps} (their names are added to {@code helpers}); row-major
 * offsets are written in Horner form over the buffer's shape expressions.
 */
final class ExprCodegen {
  private final Scope scope;
  private final Set<String> helpers;

  private final Map<Buffer, Map<List<Expr>, String>> offsets;

  ExprCodegen(Scope scope, Set<String> helpers) { this(scope, helpers, Map.of()); }

  /**
   * {@code offsets}: per buffer, Java offset expressions to use for given index lists (compared by
   * identity), see {@link OffsetHoisting}.
   */
  ExprCodegen(Scope scope, Set<String> helpers, Map<Buffer, Map<List<Expr>, String>> offsets) {
    this.scope = scope;
    this.helpers = helpers;
    this.offsets = offsets;
  }

  String gen(Expr e) {
    return switch (e) {
      case IntImm imm -> intImm(imm);
      case FloatImm imm -> imm.dtype() == DType.F64 ? JavaSyntax.doubleLiteral(imm.value())
          : JavaSyntax.floatLiteral((float) imm.value());
      case Var v -> scope.var(v);
      case Load ld -> load(ld);
      case Binary b -> binary(b);
      case Unary u -> switch (u.op()) {
        case NEG -> {
          if (u.dtype() == DType.BOOL) throw JavaSyntax.unsupported("negation of bool");
          yield "(-" + gen(u.a()) + ")";
        }
        case NOT -> "(!" + gen(u.a()) + ")";
      };
      case Select s -> "(" + gen(s.cond()) + " ? " + gen(s.t()) + " : " + gen(s.f()) + ")";
      case Cast c -> cast(c.dtype(), c.value());
      case Call c -> call(c);
    };
  }

  /** The flat row-major offset of {@code indices} in {@code b}. */
  String offset(Buffer b, List<Expr> indices) {
    if (indices.isEmpty()) return "0";
    Map<List<Expr>, String> forBuffer = offsets.get(b);
    String hoisted = forBuffer == null ? null : forBuffer.get(indices);
    if (hoisted != null) return hoisted;
    String off = gen(indices.get(0));
    for (int d = 1; d < indices.size(); d++)
      off = "(" + off + " * " + gen(b.shape().get(d)) + " + " + gen(indices.get(d)) + ")";
    return off;
  }

  private String intImm(IntImm imm) {
    return switch (imm.dtype()) {
      case BOOL -> imm.value() != 0 ? "true" : "false";
      case I64 -> JavaSyntax.longLiteral(imm.value());
      default -> JavaSyntax.intLiteral((int) imm.value());
    };
  }

  private String load(Load ld) {
    String elem = scope.buffer(ld.buffer()) + "[" + offset(ld.buffer(), ld.indices()) + "]";
    return switch (ld.dtype()) {
      case I8, I16 -> "((int) " + elem + ")";
      case U8 -> "(" + elem + " & 255)";
      default -> elem;
    };
  }

  private String binary(Binary b) {
    BinOp op = b.op();
    DType t = b.a().dtype();
    String x = gen(b.a()), y = gen(b.b());
    if (op.yieldsBool()) {
      if (t == DType.BOOL && op != BinOp.EQ && op != BinOp.NE && op != BinOp.AND && op != BinOp.OR)
        throw JavaSyntax.unsupported("ordering comparison " + op + " on bool");
      return "(" + x + " " + op.symbol() + " " + y + ")";
    }
    if (t == DType.BOOL) throw JavaSyntax.unsupported("arithmetic " + op + " on bool");
    if (t.isFloat()) {
      String suffix = t == DType.F64 ? "D" : "F";
      return switch (op) {
        case ADD, SUB, MUL, DIV -> "(" + x + " " + op.symbol() + " " + y + ")";
        case MOD -> helper("fmod" + suffix) + "(" + x + ", " + y + ")";
        case POW -> helper("pow" + suffix) + "(" + x + ", " + y + ")";
        case MIN -> "Math.min(" + x + ", " + y + ")";
        case MAX -> "Math.max(" + x + ", " + y + ")";
        default -> throw JavaSyntax.unsupported("operator " + op);
      };
    }
    String type = t == DType.I64 ? "long" : "int";
    return switch (op) {
      case ADD, SUB, MUL -> "(" + x + " " + op.symbol() + " " + y + ")";
      case DIV -> "Math.floorDiv(" + x + ", " + y + ")";
      case MOD -> "Math.floorMod(" + x + ", " + y + ")";
      case MIN -> "Math.min(" + x + ", " + y + ")";
      case MAX -> "Math.max(" + x + ", " + y + ")";
      case POW -> "((" + type + ") Math.pow((double) " + x + ", (double) " + y + "))";
      default -> throw JavaSyntax.unsupported("operator " + op);
    };
  }

  /** Casts as the interpreter does: truncate float→int, narrow i8/u8/i16, to-bool is != 0. */
  private String cast(DType to, Expr v) {
    DType from = v.dtype();
    String x = gen(v);
    if (to == from || (isF32Like(to) && isF32Like(from))) return x;
    if (to == DType.BOOL) {
      String zero = switch (from) {
        case F64 -> "0.0";
        case F32, F16, BF16 -> "0.0f";
        case I64 -> "0L";
        default -> "0";
      };
      return "(" + x + " != " + zero + ")";
    }
    if (from == DType.BOOL) {
      String one = switch (to) {
        case F64 -> "1.0 : 0.0";
        case F32, F16, BF16 -> "1.0f : 0.0f";
        case I64 -> "1L : 0L";
        default -> "1 : 0";
      };
      return "(" + x + " ? " + one + ")";
    }
    String asInt = from.isFloat() || from == DType.I64 ? "((int) " + x + ")" : x;
    return switch (to) {
      case F32, F16, BF16 -> "((float) " + x + ")";
      case F64 -> "((double) " + x + ")";
      case I64 -> "((long) " + x + ")";
      case I32 -> asInt;
      case I8 -> "((int) (byte) " + asInt + ")";
      case I16 -> "((int) (short) " + asInt + ")";
      case U8 -> "(" + asInt + " & 255)";
      case BOOL -> throw JavaSyntax.unsupported("unreachable cast");
    };
  }

  private static boolean isF32Like(DType t) {
    return t == DType.F32 || t == DType.F16 || t == DType.BF16;
  }

  private String call(Call c) {
    String x = gen(c.args().get(0));
    DType t = c.dtype();
    if (t.isFloat()) return helper(c.function() + (t == DType.F64 ? "D" : "F")) + "(" + x + ")";
    return switch (c.function()) {
      case "abs" -> "Math.abs(" + x + ")";
      case "floor", "round" -> x;
      default -> throw JavaSyntax.unsupported(c.function() + " of a " + t + " argument");
    };
  }

  private String helper(String name) {
    helpers.add(name);
    return name;
  }
}

package dev.kiln.ir.interp;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.DType;
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
 * Evaluates loop-nest IR expressions by structural recursion. Integer and boolean expressions
 * evaluate to {@code long} ({@link #evalInt}), float expressions to {@code double}
 * ({@link #evalFloat}); see {@link Storage} for the encoding.
 *
 * <p>Semantics (the JVM backend reproduces them): i64 is Java long; every other integer type
 * computes as Java int (i8/u8/i16 narrow only on store or cast); integer {@code /} and {@code %}
 * are floor division and modulo; f32/f16/bf16 arithmetic is Java float arithmetic, f64 is double;
 * float {@code %}, {@code pow} and the math functions are {@link ScalarOps}; float min/max are
 * {@code Math.min/max}; {@code &&}, {@code ||} and {@code select} evaluate only what they need.
 */
final class ExprEvaluator {
  private final Frame frame;

  ExprEvaluator(Frame frame) { this.frame = frame; }

  boolean evalBool(Expr e) {
    if (e.dtype() != DType.BOOL) throw new InternalCompilerError("condition of type " + e.dtype());
    return evalInt(e) != 0;
  }

  long evalInt(Expr e) {
    if (e.dtype().isFloat()) throw new InternalCompilerError("integer evaluation of a " + e.dtype() + " expression");
    return switch (e) {
      case IntImm imm -> normalize(imm.dtype(), imm.value());
      case Var v -> frame.cell(v).i;
      case Load ld -> Storage.readInt(bufferArray(ld), ld.dtype(), offset(ld.buffer(), ld.indices(), "load"));
      case Binary b -> b.op().yieldsBool() ? (compare(b) ? 1 : 0) : intArith(b);
      case Unary u -> switch (u.op()) {
        case NEG -> wrap(u.dtype(), -evalInt(u.a()));
        case NOT -> evalInt(u.a()) == 0 ? 1 : 0;
      };
      case Select s -> evalBool(s.cond()) ? evalInt(s.t()) : evalInt(s.f());
      case Cast c -> castToInt(c.dtype(), c.value());
      case Call c -> intCall(c);
      case FloatImm f -> throw new InternalCompilerError("unreachable: float immediate");
    };
  }

  double evalFloat(Expr e) {
    if (!e.dtype().isFloat()) throw new InternalCompilerError("float evaluation of a " + e.dtype() + " expression");
    boolean f64 = e.dtype() == DType.F64;
    return switch (e) {
      case FloatImm imm -> f64 ? imm.value() : (float) imm.value();
      case Var v -> frame.cell(v).f;
      case Load ld -> Storage.readFloat(bufferArray(ld), ld.dtype(), offset(ld.buffer(), ld.indices(), "load"));
      case Binary b -> f64 ? doubleArith(b.op(), evalFloat(b.a()), evalFloat(b.b()))
          : floatArith(b.op(), (float) evalFloat(b.a()), (float) evalFloat(b.b()));
      case Unary u -> -evalFloat(u.a());
      case Select s -> evalBool(s.cond()) ? evalFloat(s.t()) : evalFloat(s.f());
      case Cast c -> castToFloat(f64, c.value());
      case Call c -> f64 ? doubleCall(c.function(), evalFloat(c.args().get(0)))
          : floatCall(c.function(), (float) evalFloat(c.args().get(0)));
      case IntImm i -> throw new InternalCompilerError("unreachable: integer immediate");
    };
  }

  /** Row-major offset of {@code indices} in the bound buffer, checking every dimension. */
  int offset(dev.kiln.ir.tir.Buffer buf, List<Expr> indices, String access) {
    long[] idx = new long[indices.size()];
    for (int d = 0; d < idx.length; d++) idx[d] = evalInt(indices.get(d));
    return frame.buffer(buf).offset(idx, access);
  }

  private Object bufferArray(Load ld) { return frame.buffer(ld.buffer()).array(); }

  /** An integer constant in the encoding of {@code t}. */
  static long normalize(DType t, long v) {
    return switch (t) {
      case BOOL -> v != 0 ? 1 : 0;
      case I64 -> v;
      default -> (int) v;
    };
  }

  private static long wrap(DType t, long v) {
    if (t == DType.BOOL) throw new InternalCompilerError("arithmetic on bool");
    return t == DType.I64 ? v : (int) v;
  }

  private boolean compare(Binary b) {
    DType t = b.a().dtype();
    BinOp op = b.op();
    if (op == BinOp.AND) return evalBool(b.a()) && evalBool(b.b());
    if (op == BinOp.OR) return evalBool(b.a()) || evalBool(b.b());
    if (t.isFloat()) {
      double x = evalFloat(b.a()), y = evalFloat(b.b());
      return switch (op) {
        case EQ -> x == y; case NE -> x != y; case LT -> x < y;
        case LE -> x <= y; case GT -> x > y; case GE -> x >= y;
        default -> throw new InternalCompilerError("unreachable comparison " + op);
      };
    }
    if (t == DType.BOOL && op != BinOp.EQ && op != BinOp.NE)
      throw new InternalCompilerError("ordering comparison " + op + " on bool");
    long x = evalInt(b.a()), y = evalInt(b.b());
    return switch (op) {
      case EQ -> x == y; case NE -> x != y; case LT -> x < y;
      case LE -> x <= y; case GT -> x > y; case GE -> x >= y;
      default -> throw new InternalCompilerError("unreachable comparison " + op);
    };
  }

  private long intArith(Binary b) {
    DType t = b.dtype();
    long x = evalInt(b.a()), y = evalInt(b.b());
    if (t == DType.BOOL) throw new InternalCompilerError("arithmetic " + b.op() + " on bool");
    if (t == DType.I64) {
      return switch (b.op()) {
        case ADD -> x + y; case SUB -> x - y; case MUL -> x * y;
        case DIV -> Math.floorDiv(x, y); case MOD -> Math.floorMod(x, y);
        case MIN -> Math.min(x, y); case MAX -> Math.max(x, y);
        case POW -> (long) Math.pow(x, y);
        default -> throw new InternalCompilerError("unreachable " + b.op());
      };
    }
    int a = (int) x, c = (int) y;
    return switch (b.op()) {
      case ADD -> a + c; case SUB -> a - c; case MUL -> a * c;
      case DIV -> Math.floorDiv(a, c); case MOD -> Math.floorMod(a, c);
      case MIN -> Math.min(a, c); case MAX -> Math.max(a, c);
      case POW -> (int) Math.pow(a, c);
      default -> throw new InternalCompilerError("unreachable " + b.op());
    };
  }

  private static float floatArith(BinOp op, float x, float y) {
    return switch (op) {
      case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y;
      case MOD -> ScalarOps.fmodF(x, y);
      case MIN -> Math.min(x, y); case MAX -> Math.max(x, y);
      case POW -> ScalarOps.powF(x, y);
      default -> throw new InternalCompilerError("unreachable " + op);
    };
  }

  private static double doubleArith(BinOp op, double x, double y) {
    return switch (op) {
      case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y;
      case MOD -> ScalarOps.fmodD(x, y);
      case MIN -> Math.min(x, y); case MAX -> Math.max(x, y);
      case POW -> ScalarOps.powD(x, y);
      default -> throw new InternalCompilerError("unreachable " + op);
    };
  }

  /** Cast to an integer or bool type: float truncates (Java cast), int narrows, to-bool is != 0. */
  private long castToInt(DType to, Expr v) {
    DType from = v.dtype();
    if (to == DType.BOOL) return (from.isFloat() ? evalFloat(v) != 0.0 : evalInt(v) != 0) ? 1 : 0;
    if (from.isFloat()) {
      double d = evalFloat(v);
      return to == DType.I64 ? (long) d : narrow(to, (int) d);
    }
    long x = evalInt(v);
    return to == DType.I64 ? x : narrow(to, (int) x);
  }

  private static long narrow(DType to, int x) {
    return switch (to) {
      case I8 -> (byte) x;
      case U8 -> x & 0xFF;
      case I16 -> (short) x;
      default -> x;
    };
  }

  private double castToFloat(boolean f64, Expr v) {
    DType from = v.dtype();
    if (from.isFloat()) {
      double d = evalFloat(v);
      return f64 ? d : (float) d;
    }
    long x = evalInt(v);
    if (from == DType.I64) return f64 ? (double) x : (float) x;
    return f64 ? (double) (int) x : (float) (int) x;
  }

  private long intCall(Call c) {
    long x = evalInt(c.args().get(0));
    return switch (c.function()) {
      case "abs" -> c.dtype() == DType.I64 ? Math.abs(x) : Math.abs((int) x);
      case "floor", "round" -> x;
      default -> throw new InternalCompilerError(c.function() + " of a " + c.dtype() + " argument");
    };
  }

  static float floatCall(String fn, float x) {
    return switch (fn) {
      case "exp" -> ScalarOps.expF(x); case "log" -> ScalarOps.logF(x);
      case "sqrt" -> ScalarOps.sqrtF(x); case "rsqrt" -> ScalarOps.rsqrtF(x);
      case "tanh" -> ScalarOps.tanhF(x); case "sigmoid" -> ScalarOps.sigmoidF(x);
      case "erf" -> ScalarOps.erfF(x); case "abs" -> ScalarOps.absF(x);
      case "floor" -> ScalarOps.floorF(x); case "round" -> ScalarOps.roundF(x);
      default -> throw new InternalCompilerError("unknown function " + fn);
    };
  }

  static double doubleCall(String fn, double x) {
    return switch (fn) {
      case "exp" -> ScalarOps.expD(x); case "log" -> ScalarOps.logD(x);
      case "sqrt" -> ScalarOps.sqrtD(x); case "rsqrt" -> ScalarOps.rsqrtD(x);
      case "tanh" -> ScalarOps.tanhD(x); case "sigmoid" -> ScalarOps.sigmoidD(x);
      case "erf" -> ScalarOps.erfD(x); case "abs" -> ScalarOps.absD(x);
      case "floor" -> ScalarOps.floorD(x); case "round" -> ScalarOps.roundD(x);
      default -> throw new InternalCompilerError("unknown function " + fn);
    };
  }
}

package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.BoolLit;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.UnaryExpr;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Lowers one model expression to graph nodes. Literals stay {@link Operand.Lit} until they meet a
 * tensor (and fold when they meet each other); arithmetic, comparisons and logic become generated
 * elementwise kernels with broadcasting; {@code @} becomes std/core's matmul (2-D) or a generated
 * batched matmul; calls and indexing are delegated to {@link Calls} and {@link Indexing}.
 */
final class ExprLowering {
  /** Thrown when an expression uses a name whose definition already failed: no second diagnostic. */
  static final class Poisoned extends RuntimeException {
    Poisoned() { super(null, null, false, false); }
  }

  static final Value POISON = new Value("<error>", null);

  private static final Map<String, String> BINARY_NAMES = Map.ofEntries(
      Map.entry("+", "add"), Map.entry("-", "sub"), Map.entry("*", "mul"), Map.entry("/", "div"),
      Map.entry("%", "mod"), Map.entry("==", "eq"), Map.entry("!=", "ne"), Map.entry("<", "lt"),
      Map.entry("<=", "le"), Map.entry(">", "gt"), Map.entry(">=", "ge"), Map.entry("&&", "and"),
      Map.entry("||", "or"));

  final LoweringContext cx;
  final Elementwise ew;
  private final Calls calls;
  private final Indexing indexing;

  ExprLowering(LoweringContext cx) {
    this.cx = cx;
    this.ew = new Elementwise(cx);
    this.calls = new Calls(this);
    this.indexing = new Indexing(this);
  }

  Operand lower(Expr e, Scope scope, List<GNode> out) {
    return switch (e) {
      case Name n -> name(n, scope, out);
      case IntLit l -> new Operand.Lit(l.value(), DType.I32, l.span());
      case FloatLit l -> new Operand.Lit(l.value(), DType.F32, l.span());
      case BoolLit l -> new Operand.Lit(l.value() ? 1 : 0, DType.BOOL, l.span());
      case StringLit s -> throw new KilnException(s.span(), "a string is not a value here");
      case ListExpr l -> throw new KilnException(l.span(), "a list is not a value here (lists are shapes, as in zeros([1, 64]))");
      case UnaryExpr u -> unary(u, scope, out);
      case BinaryExpr b -> b.op().equals("@") ? matmul(b, scope, out) : binary(b, scope, out);
      case CallExpr c -> calls.lower(c, scope, out);
      case IndexExpr ix -> indexing.lower(ix, scope, out);
    };
  }

  /** Lowers an expression that must be a tensor (a literal becomes a 0-d constant). */
  Value tensor(Expr e, Scope scope, List<GNode> out) {
    return cx.materialize(lower(e, scope, out), null, out);
  }

  private Operand name(Name n, Scope scope, List<GNode> out) {
    Value v = scope.get(n.name());
    if (v == POISON) throw new Poisoned();
    if (v != null) return new Operand.Val(v);
    Var sym = cx.symbols.get(n.name());
    if (sym != null) return new Operand.Val(cx.symbolValue(sym, n.span(), out));
    List<String> known = new ArrayList<>(scope.vars.keySet());
    known.addAll(cx.symbols.keySet());
    throw new KilnException(n.span(), "unknown name `" + n.name() + "`" + Suggest.didYouMean(n.name(), known));
  }

  private Operand unary(UnaryExpr u, Scope scope, List<GNode> out) {
    Operand a = lower(u.operand(), scope, out);
    if (u.op().equals("-")) {
      if (a instanceof Operand.Lit l && l.kind() != DType.BOOL) return new Operand.Lit(-l.value(), l.kind(), u.span());
      requireNumeric(a, u.span(), "-");
      return new Operand.Val(ew.map("neg", List.of(a), Arrays.asList((DType) null), null, "-$0", u.span(), out));
    }
    if (a instanceof Operand.Lit l && l.kind() == DType.BOOL) return new Operand.Lit(1 - l.value(), DType.BOOL, u.span());
    return new Operand.Val(ew.map("not", List.of(a), List.of(DType.BOOL), DType.BOOL, "!$0", u.span(), out));
  }

  private Operand binary(BinaryExpr b, Scope scope, List<GNode> out) {
    Operand l = lower(b.left(), scope, out);
    Operand r = lower(b.right(), scope, out);
    String op = b.op();
    boolean logic = op.equals("&&") || op.equals("||");
    boolean compare = List.of("==", "!=", "<", "<=", ">", ">=").contains(op);
    if (l instanceof Operand.Lit x && r instanceof Operand.Lit y) return ConstantFolding.fold(op, x, y, b.span());
    if (logic) {
      return new Operand.Val(ew.map(BINARY_NAMES.get(op), List.of(l, r), List.of(DType.BOOL, DType.BOOL), DType.BOOL,
          "$0 " + op + " $1", b.span(), out));
    }
    requireNumeric(l, b.left().span(), op);
    requireNumeric(r, b.right().span(), op);
    return new Operand.Val(ew.map(BINARY_NAMES.get(op), List.of(l, r), Arrays.asList(null, null),
        compare ? DType.BOOL : null, "$0 " + op + " $1", b.span(), out));
  }

  private static void requireNumeric(Operand o, Span at, String op) {
    DType t = o instanceof Operand.Val v ? v.value().type().dtype() : ((Operand.Lit) o).kind();
    if (t == DType.BOOL) throw new KilnException(at, "`" + op + "` needs numbers, got a bool value");
  }

  private Operand matmul(BinaryExpr b, Scope scope, List<GNode> out) {
    Value a = tensor(b.left(), scope, out);
    Value c = tensor(b.right(), scope, out);
    return new Operand.Val(matmul(a, c, b.span(), out));
  }

  /** {@code a @ b}: 2-D by std/core's matmul; 1-D operands as NumPy does; batched over leading axes. */
  Value matmul(Value a, Value b, Span at, List<GNode> out) {
    int ra = a.type().rank();
    int rb = b.type().rank();
    if (ra == 0 || rb == 0) throw new KilnException(at, "`@` needs tensors of rank 1 or more, got a scalar");
    if (ra == 1) {
      Value a2 = Indexing.reshape(cx, a, List.of(ShapeUnifier.constant(1), a.type().shape().get(0)), at, out);
      Value r = matmul(a2, b, at, out);
      List<dev.kiln.ir.tir.Expr> s = new ArrayList<>(r.type().shape());
      // Drop the axis a's promotion added: second to last, or last when b was 1-D too (the
      // recursive call already dropped b's promoted axis, so 1-D @ 1-D leaves [1] here).
      s.remove(rb == 1 ? s.size() - 1 : s.size() - 2);
      return Indexing.reshape(cx, r, s, at, out);
    }
    if (rb == 1) {
      Value b2 = Indexing.reshape(cx, b, List.of(b.type().shape().get(0), ShapeUnifier.constant(1)), at, out);
      Value r = matmul(a, b2, at, out);
      List<dev.kiln.ir.tir.Expr> s = new ArrayList<>(r.type().shape());
      s.remove(s.size() - 1);
      return Indexing.reshape(cx, r, s, at, out);
    }
    if (a.type().dtype() != b.type().dtype()) {
      throw new KilnException(at, "`@` of " + a.type().dtype() + " and " + b.type().dtype() + " tensors");
    }
    String kernel;
    if (ra == 2 && rb == 2 && a.type().dtype() == DType.F32) {
      kernel = cx.kernels.declared(cx.lib.coreOp("matmul"), Map.of(), cx.scheduleFor("matmul", cx.nextUse("matmul")));
    } else if (rb == 2 || ra == rb) {
      kernel = cx.kernels.generated(GenericOps.batchMatmul("matmul", a.type().dtype(), ra - 2, rb != 2));
    } else {
      throw new KilnException(at, "`@` of " + ShapeUnifier.describe(a.type()) + " and "
          + ShapeUnifier.describe(b.type()) + ": batched operands must have the same rank (or the right one 2-D)");
    }
    return cx.call1(kernel, List.of(a, b), "matmul", at, out);
  }
}

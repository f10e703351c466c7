package dev.kiln.frontend.op;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.BoolLit;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ListExpr;
import dev.kiln.frontend.ast.Name;
import dev.kiln.frontend.ast.Node;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.frontend.ast.UnaryExpr;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.UnOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Type-checks the right-hand side of one op statement and builds its {@link TExpr}.
 *
 * <p>Rules: index variables and dimensions are i32; int attributes i32, bool attributes bool.
 * Literals and float attributes are polymorphic: they adopt the type their context expects (the
 * other operand of a binary operator, the target's element type), so {@code max(X[i, j], 0.0)}
 * is f32 and {@code 0} in an f32 context is fine; without a context an integer literal is i32
 * and a float literal f32. Both operands of an arithmetic operator or comparison must have the
 * same type — there are no implicit conversions; casts such as {@code f32(x)} convert. Only
 * tensors written by an earlier statement (or inputs) may be read.
 */
final class BodyTyper {
  private final OpScope scope;
  private final Set<String> indexVars;
  private final String target;
  private final DiagnosticSink sink;

  BodyTyper(OpScope scope, Set<String> indexVars, String target, DiagnosticSink sink) {
    this.scope = scope;
    this.indexVars = indexVars;
    this.target = target;
    this.sink = sink;
  }

  /** The typed expression, or null after reporting errors; {@code ctx} is the expected type or null. */
  TExpr type(Expr e, DType ctx) {
    return switch (e) {
      case IntLit i -> ctx != null && ctx.isFloat() ? new TExpr.FloatConst(ctx, i.value())
          : new TExpr.IntConst(ctx != null && ctx.isInt() ? ctx : DType.I32, i.value());
      case FloatLit f -> {
        if (ctx != null && !ctx.isFloat() && !ctx.isBool()) {
          sink.error(f.span(), "float literal " + AstText.of(f) + " where " + ctx + " is expected");
          yield null;
        }
        yield new TExpr.FloatConst(ctx != null && ctx.isFloat() ? ctx : DType.F32, f.value());
      }
      case BoolLit b -> new TExpr.IntConst(DType.BOOL, b.value() ? 1 : 0);
      case Name n -> name(n, ctx);
      case UnaryExpr u -> unary(u, ctx);
      case BinaryExpr b -> binary(b, ctx);
      case CallExpr c -> call(c, ctx);
      case IndexExpr ix -> index(ix);
      case StringLit s -> error(s, "strings are not allowed in op bodies");
      case ListExpr l -> error(l, "lists are not allowed in op bodies");
    };
  }

  private TExpr error(Node n, String message) {
    sink.error(n.span(), message);
    return null;
  }

  private TExpr name(Name n, DType ctx) {
    String name = n.name();
    if (indexVars.contains(name)) return new TExpr.Index(name);
    AttrInfo a = scope.attrs.get(name);
    if (a != null) {
      return switch (a.kind()) {
        case INT -> new TExpr.Attr(name, DType.I32);
        case BOOL -> new TExpr.Attr(name, DType.BOOL);
        case FLOAT -> new TExpr.Attr(name, ctx != null && ctx.isFloat() ? ctx : DType.F32);
      };
    }
    if (scope.isDim(name)) return scope.boundDims.contains(name) ? new TExpr.Dim(name) : null;
    if (scope.isTensor(name)) return read(name, List.of(), n);
    return error(n, "unknown name " + name);
  }

  private TExpr unary(UnaryExpr u, DType ctx) {
    if (u.op().equals("!")) {
      TExpr a = type(u.operand(), DType.BOOL);
      return a == null || !requireBool(a, u.operand()) ? null : new TExpr.Un(UnOp.NOT, a);
    }
    TExpr a = type(u.operand(), ctx);
    return a == null || !requireNumber(a, u.operand()) ? null : new TExpr.Un(UnOp.NEG, a);
  }

  private TExpr binary(BinaryExpr b, DType ctx) {
    String op = b.op();
    switch (op) {
      case "&&", "||" -> {
        TExpr l = type(b.left(), DType.BOOL);
        TExpr r = type(b.right(), DType.BOOL);
        if (l == null || r == null || !requireBool(l, b.left()) || !requireBool(r, b.right())) return null;
        return new TExpr.Bin(BinOp.bySymbol(op), l, r);
      }
      case "@" -> {
        return error(b, "`@` is only allowed in models; write the contraction in index notation");
      }
      case "==", "!=", "<", "<=", ">", ">=" -> {
        TExpr[] lr = unify(b.left(), b.right(), null, op, b);
        if (lr == null) return null;
        if (!op.equals("==") && !op.equals("!=") && !requireNumber(lr[0], b.left())) return null;
        return new TExpr.Bin(BinOp.bySymbol(op), lr[0], lr[1]);
      }
      default -> {
        TExpr[] lr = unify(b.left(), b.right(), ctx, op, b);
        if (lr == null || !requireNumber(lr[0], b.left()) || !requireNumber(lr[1], b.right())) return null;
        return new TExpr.Bin(BinOp.bySymbol(op), lr[0], lr[1]);
      }
    }
  }

  /** Types two operands that must agree, letting a polymorphic operand adopt the other's type. */
  private TExpr[] unify(Expr a, Expr b, DType ctx, String what, Node at) {
    TExpr ta;
    TExpr tb;
    if (!polymorphic(a)) {
      ta = type(a, ctx);
      tb = type(b, ta != null ? ta.type() : ctx);
    } else if (!polymorphic(b)) {
      tb = type(b, ctx);
      ta = type(a, tb != null ? tb.type() : ctx);
    } else {
      DType c = ctx == null && (hasFloatLiteral(a) || hasFloatLiteral(b)) ? DType.F32 : ctx;
      ta = type(a, c);
      tb = type(b, ta != null ? ta.type() : c);
    }
    if (ta == null || tb == null) return null;
    if (ta.type() != tb.type()) {
      sink.error(at.span(), "operands of " + what + " have different types " + ta.type() + " and " + tb.type()
          + "; convert one with a cast such as " + ta.type() + "(...)");
      return null;
    }
    return new TExpr[] {ta, tb};
  }

  /** Whether the expression's type comes from its context: literals and float attributes. */
  private boolean polymorphic(Expr e) {
    return switch (e) {
      case IntLit i -> true;
      case FloatLit f -> true;
      case Name n -> !indexVars.contains(n.name()) && scope.attrs.get(n.name()) != null
          && scope.attrs.get(n.name()).kind() == AttrInfo.Kind.FLOAT;
      case UnaryExpr u -> u.op().equals("-") && polymorphic(u.operand());
      case BinaryExpr b -> "+-*/%".contains(b.op()) && b.op().length() == 1 && polymorphic(b.left())
          && polymorphic(b.right());
      default -> false;
    };
  }

  private static boolean hasFloatLiteral(Expr e) {
    boolean[] found = {false};
    AstWalk.forEach(e, x -> found[0] |= x instanceof FloatLit);
    return found[0];
  }

  private TExpr call(CallExpr c, DType ctx) {
    String f = c.callee().name();
    if (!c.namedArgs().isEmpty()) return error(c.namedArgs().get(0), "named arguments are not allowed in op bodies");
    DType cast = DType.parse(f);
    if (cast != null) {
      if (!arity(c, 1)) return null;
      TExpr v = type(c.args().get(0), null);
      return v == null ? null : v.type() == cast ? v : new TExpr.Conv(cast, v);
    }
    switch (f) {
      case "select" -> {
        if (!arity(c, 3)) return null;
        TExpr cond = type(c.args().get(0), DType.BOOL);
        TExpr[] tf = unify(c.args().get(1), c.args().get(2), ctx, "select", c);
        if (cond == null || !requireBool(cond, c.args().get(0)) || tf == null) return null;
        return new TExpr.Sel(cond, tf[0], tf[1]);
      }
      case "max", "min", "pow" -> {
        if (!arity(c, 2)) return null;
        TExpr[] lr = unify(c.args().get(0), c.args().get(1), ctx, f, c);
        if (lr == null || !requireNumber(lr[0], c.args().get(0))) return null;
        return new TExpr.Bin(BinOp.bySymbol(f), lr[0], lr[1]);
      }
      default -> {
        if (!Call.FUNCTIONS.contains(f)) {
          List<String> known = new ArrayList<>(Call.FUNCTIONS);
          known.addAll(List.of("select", "max", "min", "pow"));
          return error(c.callee(), "unknown function " + f + dev.kiln.frontend.model.Suggest.didYouMean(f, known));
        }
        if (!arity(c, 1)) return null;
        TExpr v = type(c.args().get(0), ctx);
        if (v == null || !requireNumber(v, c.args().get(0))) return null;
        if (!f.equals("abs") && !v.type().isFloat())
          return error(c.args().get(0), f + " needs a float argument, found " + v.type() + "; convert it with a cast such as f32(...)");
        return new TExpr.Fn(f, v);
      }
    }
  }

  private boolean arity(CallExpr c, int n) {
    if (c.args().size() == n) return true;
    sink.error(c.span(), c.callee().name() + " takes " + n + " argument" + (n == 1 ? "" : "s") + ", got "
        + c.args().size());
    return false;
  }

  private TExpr index(IndexExpr ix) {
    if (ix.base() instanceof Name base && !scope.isTensor(base.name()) && !scope.isDim(base.name())
        && scope.attrs.get(base.name()) == null && !indexVars.contains(base.name())) {
      return error(base, "unknown tensor " + base.name()
          + dev.kiln.frontend.model.Suggest.didYouMean(base.name(), scope.tensors.keySet()));
    }
    if (!(ix.base() instanceof Name base) || !scope.isTensor(base.name()))
      return error(ix.base(), "only tensors can be indexed; " + AstText.of(ix.base()) + " is not a tensor");
    List<TExpr> indices = new ArrayList<>();
    boolean ok = true;
    for (Subscript s : ix.subscripts()) {
      if (s.slice()) {
        ok = false;
        sink.error(s.span(), "slices are not allowed in op bodies");
        continue;
      }
      TExpr t = type(s.lo(), DType.I32);
      if (t != null && t.type() != DType.I32) {
        sink.error(s.span(), "an index must be i32, not " + t.type());
        t = null;
      }
      ok &= t != null;
      indices.add(t);
    }
    return ok ? read(base.name(), indices, ix) : null;
  }

  private TExpr read(String tensor, List<TExpr> indices, Node source) {
    if (tensor.equals(target)) return error(source, tensor + " cannot be read in the statement that writes it");
    if (!scope.inputNames.contains(tensor) && !scope.written.contains(tensor))
      return error(source, tensor + " is read before it is written");
    TensorInfo t = scope.tensors.get(tensor);
    if (t == null) return null; // its declaration or definition had errors
    if (t.rank() != indices.size())
      return error(source, tensor + " has rank " + t.rank() + " but is indexed with " + indices.size()
          + " ind" + (indices.size() == 1 ? "ex" : "ices"));
    return new TExpr.Read(tensor, t.dtype(), indices, source);
  }

  private boolean requireNumber(TExpr t, Node at) {
    if (!t.type().isBool()) return true;
    sink.error(at.span(), "expected a number, found bool");
    return false;
  }

  private boolean requireBool(TExpr t, Node at) {
    if (t.type().isBool()) return true;
    sink.error(at.span(), "expected bool, found " + t.type());
    return false;
  }
}

package dev.kiln.frontend.op;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.Expr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.Name;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import java.util.function.Function;

/**
 * Converts a dimension or a {@code where} bound — an integer expression of integer literals and
 * names with {@code + - * /} (floor division) and parentheses — into an i32 {@link TExpr}.
 * Names are resolved by the caller, which reports unknown ones; anything else is reported here.
 */
final class DimExprs {
  private DimExprs() {}

  /**
   * The converted expression, or null after reporting an error. {@code resolve} returns the
   * meaning of a name or null after reporting its own error; {@code what} names the context
   * ("a dimension", "a range bound") in messages.
   */
  static TExpr convert(Expr e, Function<Name, TExpr> resolve, String what, DiagnosticSink sink) {
    switch (e) {
      case IntLit i -> {
        if (i.value() > Integer.MAX_VALUE) {
          sink.error(i.span(), "integer " + i.value() + " is too large for " + what);
          return null;
        }
        return new TExpr.IntConst(DType.I32, i.value());
      }
      case Name n -> {
        return resolve.apply(n);
      }
      case BinaryExpr b when b.op().equals("+") || b.op().equals("-") || b.op().equals("*") || b.op().equals("/") -> {
        TExpr l = convert(b.left(), resolve, what, sink);
        TExpr r = convert(b.right(), resolve, what, sink);
        if (l == null || r == null) return null;
        return new TExpr.Bin(BinOp.bySymbol(b.op()), l, r);
      }
      default -> {
        sink.error(e.span(), what + " must be an integer expression of names and integers with + - * / and "
            + "parentheses, not " + AstText.of(e));
        return null;
      }
    }
  }
}

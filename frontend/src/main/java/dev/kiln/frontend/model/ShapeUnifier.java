package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers the result types of a kernel call at compile time. Algorithm: walk the kernel's input
 * buffers in order; a dimension that is a plain size variable not yet bound is bound to the
 * argument's dimension (an expression over the model's symbols); then every input dimension is
 * substituted and simplified and compared with the argument's: provably different dims are a
 * diagnostic at the call, dims that cannot be decided at compile time are left to the runtime's
 * check of the same pattern. Result shapes are the output buffers' shapes under the bindings.
 */
final class ShapeUnifier {
  private ShapeUnifier() {}

  static List<TensorType> resultTypes(PrimFunc f, List<TensorType> args, String opName, Span at) {
    if (f.inputs().size() != args.size()) {
      throw new KilnException(at, "`" + opName + "` takes " + f.inputs().size() + " tensor argument"
          + (f.inputs().size() == 1 ? "" : "s") + ", got " + args.size());
    }
    Map<Var, Expr> bind = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Buffer b = f.inputs().get(i);
      TensorType t = args.get(i);
      if (b.dtype() != t.dtype()) {
        throw new KilnException(at, "argument " + (i + 1) + " of `" + opName + "` (" + b.name() + ") must be "
            + b.dtype() + ", got " + t.dtype());
      }
      if (b.rank() != t.rank()) {
        throw new KilnException(at, "argument " + (i + 1) + " of `" + opName + "` (" + b.name() + ") must have rank "
            + b.rank() + ", got " + describe(t));
      }
      for (int a = 0; a < b.rank(); a++) {
        if (b.shape().get(a) instanceof Var v && f.sizeVars().contains(v) && !bind.containsKey(v)) {
          bind.put(v, t.shape().get(a));
        }
      }
    }
    for (int i = 0; i < args.size(); i++) {
      Buffer b = f.inputs().get(i);
      TensorType t = args.get(i);
      for (int a = 0; a < b.rank(); a++) {
        Expr want = Simplify.expr(Substitute.expr(b.shape().get(a), bind));
        if (provablyDifferent(want, t.shape().get(a))) {
          throw new KilnException(at, "shape mismatch: argument " + (i + 1) + " of `" + opName + "` (" + b.name()
              + ") must be " + describe(new TensorType(b.dtype(), substituted(b.shape(), bind))) + ", got "
              + describe(t));
        }
      }
    }
    List<TensorType> out = new ArrayList<>();
    for (Buffer b : f.outputs()) out.add(new TensorType(b.dtype(), substituted(b.shape(), bind)));
    return out;
  }

  private static List<Expr> substituted(List<Expr> shape, Map<Var, Expr> bind) {
    List<Expr> s = new ArrayList<>();
    for (Expr e : shape) s.add(Simplify.expr(Substitute.expr(e, bind)));
    return s;
  }

  /** True when a - b simplifies to a nonzero constant. */
  static boolean provablyDifferent(Expr a, Expr b) {
    Expr d = Simplify.expr(new Binary(BinOp.SUB, a, b));
    return d instanceof IntImm k && k.value() != 0;
  }

  /** True when a - b simplifies to zero. */
  static boolean provablyEqual(Expr a, Expr b) {
    Expr d = Simplify.expr(new Binary(BinOp.SUB, a, b));
    return d instanceof IntImm k && k.value() == 0;
  }

  static boolean isOne(Expr e) { return e instanceof IntImm k && k.value() == 1; }

  static Expr constant(long v) { return new IntImm(DType.I32, v); }

  /** {@code f32[B, 784]} with dims printed in Kiln syntax. */
  static String describe(TensorType t) {
    StringBuilder sb = new StringBuilder(t.dtype().text()).append('[');
    for (int i = 0; i < t.rank(); i++) {
      if (i > 0) sb.append(", ");
      sb.append(DimText.of(t.shape().get(i)));
    }
    return sb.append(']').toString();
  }
}

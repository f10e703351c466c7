package dev.kiln.frontend.op;

import dev.kiln.frontend.ast.Node;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.UnOp;
import java.util.List;

/**
 * A type-checked expression of an op body or of a dimension, still symbolic in the op's names:
 * index variables, dimensions and attributes are referred to by name, tensors by name. It is the
 * checker's output and the lowering's input; {@link OpLowering} maps it one to one onto the
 * loop-nest IR once sizes, attributes and buffers are known. Index arithmetic is {@code i32};
 * integer {@code /} and {@code %} are floor division and modulo.
 */
public sealed interface TExpr {
  DType type();

  /** An integer or bool constant (bools are 0 and 1). */
  record IntConst(DType type, long value) implements TExpr {}

  /** A floating-point constant of a float type. */
  record FloatConst(DType type, double value) implements TExpr {}

  /** The value of an index variable of the enclosing statement (i32). */
  record Index(String name) implements TExpr {
    @Override public DType type() { return DType.I32; }
  }

  /** The value of a symbolic dimension (i32). */
  record Dim(String name) implements TExpr {
    @Override public DType type() { return DType.I32; }
  }

  /**
   * The value of an attribute: int attributes are i32, bool attributes bool, and float attributes
   * take the float type of their context, like a float literal.
   */
  record Attr(String name, DType type) implements TExpr {}

  /** A read of one element of a tensor; {@code source} is the access as written, for messages. */
  record Read(String tensor, DType type, List<TExpr> indices, Node source) implements TExpr {
    public Read { indices = List.copyOf(indices); }
  }

  /** A binary operation; comparisons and logic yield bool, the rest the operands' type. */
  record Bin(BinOp op, TExpr a, TExpr b) implements TExpr {
    @Override public DType type() { return op.yieldsBool() ? DType.BOOL : a.type(); }
  }

  /** {@code -a} or {@code !a}. */
  record Un(UnOp op, TExpr a) implements TExpr {
    @Override public DType type() { return a.type(); }
  }

  /** {@code select(cond, t, f)}: only the taken branch is evaluated. */
  record Sel(TExpr cond, TExpr t, TExpr f) implements TExpr {
    @Override public DType type() { return t.type(); }
  }

  /** A conversion such as {@code f32(x)}. */
  record Conv(DType type, TExpr value) implements TExpr {}

  /** An elementwise math function of one argument ({@code exp}, {@code sqrt}, ...). */
  record Fn(String name, TExpr arg) implements TExpr {
    @Override public DType type() { return arg.type(); }
  }
}

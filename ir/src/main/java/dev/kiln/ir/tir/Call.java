package dev.kiln.ir.tir;

import dev.kiln.ir.DType;
import java.util.List;

/**
 * A call of a pure elementwise math function: exp log sqrt rsqrt tanh sigmoid erf abs floor
 * round. The result dtype equals the argument dtype.
 */
public record Call(String function, DType dtype, List<Expr> args) implements Expr {
  public static final List<String> FUNCTIONS =
      List.of("exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "erf", "abs", "floor", "round");

  public Call {
    args = List.copyOf(args);
    if (!FUNCTIONS.contains(function)) throw new IllegalArgumentException("unknown function " + function);
  }
}

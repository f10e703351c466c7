package dev.kiln.ir.tir;

import dev.kiln.ir.DType;
import java.util.List;

/**
 * Runs a block at one point: {@code iterValues[i]} (expressions of the enclosing loop variables)
 * binds the block's i-th iteration variable; the block runs only where {@code predicate} holds
 * (a guarded tail after split by a non-dividing factor).
 */
public record BlockRealize(List<Expr> iterValues, Expr predicate, Block block) implements Stmt {
  public BlockRealize {
    iterValues = List.copyOf(iterValues);
    if (iterValues.size() != block.iterVars().size())
      throw new IllegalArgumentException("block " + block.name() + " has " + block.iterVars().size()
          + " iter vars, realized with " + iterValues.size() + " values");
    if (predicate.dtype() != DType.BOOL) throw new IllegalArgumentException("block predicate must be bool");
  }

  public static final IntImm TRUE = new IntImm(DType.BOOL, 1);

  public BlockRealize withBlock(Block b) { return new BlockRealize(iterValues, predicate, b); }
}

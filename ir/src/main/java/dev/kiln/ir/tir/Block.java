package dev.kiln.ir.tir;

import java.util.List;

/**
 * A TensorIR block: a unit of computation with its own iteration variables (spatial and reduce),
 * the regions it reads and writes, an optional {@code init} run on the first iteration of every
 * reduction, its body, and the buffers it allocates for its lifetime.
 */
public record Block(String name, List<IterVar> iterVars, List<BufferRegion> reads, List<BufferRegion> writes,
    Stmt init, Stmt body, List<Buffer> allocs) {
  public Block {
    iterVars = List.copyOf(iterVars);
    reads = List.copyOf(reads);
    writes = List.copyOf(writes);
    allocs = List.copyOf(allocs);
  }

  public boolean hasReduction() {
    return iterVars.stream().anyMatch(iv -> iv.kind() == IterKind.REDUCE);
  }

  public Block withBody(Stmt newBody) { return new Block(name, iterVars, reads, writes, init, newBody, allocs); }
}

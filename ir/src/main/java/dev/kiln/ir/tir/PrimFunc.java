package dev.kiln.ir.tir;

import java.util.List;

/**
 * A kernel: input buffers, output buffers, the symbolic size variables their shapes use (bound
 * by the caller from actual shapes, in this order), and a body whose top is normally one root
 * block that allocates the kernel's intermediate buffers.
 */
public record PrimFunc(String name, List<Buffer> inputs, List<Buffer> outputs, List<Var> sizeVars, Stmt body) {
  public PrimFunc {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    sizeVars = List.copyOf(sizeVars);
  }

  public PrimFunc withBody(Stmt newBody) { return new PrimFunc(name, inputs, outputs, sizeVars, newBody); }

  /** Inputs then outputs, the order in which a compiled kernel receives its arrays. */
  public List<Buffer> params() {
    java.util.ArrayList<Buffer> all = new java.util.ArrayList<>(inputs);
    all.addAll(outputs);
    return all;
  }
}

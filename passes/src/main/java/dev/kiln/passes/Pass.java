package dev.kiln.passes;

import dev.kiln.ir.graph.GraphModule;

/**
 * One transformation of a whole graph module (its graph functions and kernels). A pass is a pure
 * function of its input: it returns a new module (or the same one when nothing changed) and never
 * mutates the IR it was given. {@link #name()} is the stable name it is registered under in
 * {@link Passes} and that the CLI accepts ({@code kiln opt --passes a,b}).
 */
public interface Pass {
  String name();

  GraphModule run(GraphModule m, PassContext cx);
}

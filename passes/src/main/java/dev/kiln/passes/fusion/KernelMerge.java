package dev.kiln.passes.fusion;

import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.MemoryScope;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.passes.util.FreshCopy;
import dev.kiln.passes.util.UniqueNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the kernel that runs a producer and then a consumer which reads the producer's single
 * output through the inputs at {@code positions}.
 *
 * <p>Algorithm. The producer is copied with fresh binders; its output buffer becomes an
 * intermediate {@code T} of the same name, dtype and shape in scope {@code local}. The consumer is
 * copied with fresh binders too, with its inputs at {@code positions} replaced by {@code T}: each
 * consumer size variable that is a plain dimension of such an input is substituted by the
 * producer's shape expression of that dimension (the first such binding wins); every other
 * consumer size variable stays, as a new size variable after the producer's. The result has the
 * producer's inputs, then the consumer's remaining inputs, and the consumer's outputs; its body is
 * one root block allocating {@code T} and both root blocks' allocations, running the producer's
 * root body then the consumer's (a body without a root block is taken whole).
 *
 * <p>Buffer and block names are made unique within the result ({@link UniqueNames}), parameters
 * first (so they keep their names unless two clash), then intermediates, so a schedule can name every block. Names
 * come from the kernels only, so merging equal kernels gives structurally equal results.
 *
 * <p>Declines (returns null) when an input at {@code positions} differs from the producer's output
 * in dtype or rank, or when some size variable of the result is not a plain dimension of one of its
 * inputs (the runtime binds sizes from input shapes only).
 */
final class KernelMerge {
  private KernelMerge() {}

  static PrimFunc merge(String name, PrimFunc producer, PrimFunc consumer, Set<Integer> positions) {
    if (producer.outputs().size() != 1) return null;
    UniqueNames names = new UniqueNames();
    FreshCopy p = new FreshCopy(names);
    List<Var> sizes = new ArrayList<>();
    for (Var s : producer.sizeVars()) sizes.add(p.freshVar(s));
    List<Buffer> inputs = new ArrayList<>();
    for (Buffer b : producer.inputs()) inputs.add(p.freshBuffer(b));
    Buffer out = producer.outputs().get(0);
    List<Expr> tmpShape = p.copyAll(out.shape());

    FreshCopy c = new FreshCopy(names);
    for (int pos : positions) {
      Buffer in = consumer.inputs().get(pos);
      if (in.dtype() != out.dtype() || in.rank() != out.rank()) return null;
      for (int d = 0; d < in.rank(); d++) {
        if (in.shape().get(d) instanceof Var s && isSizeVar(s, consumer) && !c.isMapped(s)) {
          c.mapVar(s, tmpShape.get(d));
        }
      }
    }
    for (Var s : consumer.sizeVars()) if (!c.isMapped(s)) sizes.add(c.freshVar(s));
    for (int i = 0; i < consumer.inputs().size(); i++) {
      if (!positions.contains(i)) inputs.add(c.freshBuffer(consumer.inputs().get(i)));
    }
    List<Buffer> outputs = new ArrayList<>();
    for (Buffer b : consumer.outputs()) outputs.add(c.freshBuffer(b));

    Buffer tmp = new Buffer(names.buffer(out.name()), out.dtype(), tmpShape, MemoryScope.LOCAL);
    p.mapBuffer(out, tmp);
    for (int pos : positions) c.mapBuffer(consumer.inputs().get(pos), tmp);
    Stmt first = p.copy(producer.body());
    Stmt second = c.copy(consumer.body());

    List<Buffer> allocs = new ArrayList<>(List.of(tmp));
    List<Stmt> body = new ArrayList<>();
    for (Stmt s : List.of(first, second)) {
      if (s instanceof BlockRealize r && Elementwise.isRoot(r)) {
        allocs.addAll(r.block().allocs());
        body.add(r.block().body());
      } else {
        body.add(s);
      }
    }
    Block root = new Block("root", List.of(), List.of(), List.of(), null, Seq.of(body), allocs);
    PrimFunc f = new PrimFunc(name, inputs, outputs, sizes,
        new BlockRealize(List.of(), BlockRealize.TRUE, root));
    return boundByInputs(f) ? f : null;
  }

  private static boolean isSizeVar(Var v, PrimFunc f) {
    for (Var s : f.sizeVars()) if (s == v) return true;
    return false;
  }

  /** Whether every size variable is a plain dimension of some input. */
  private static boolean boundByInputs(PrimFunc f) {
    for (Var s : f.sizeVars()) {
      boolean bound = false;
      for (Buffer b : f.inputs()) for (Expr d : b.shape()) bound |= d == s;
      if (!bound) return false;
    }
    return true;
  }
}

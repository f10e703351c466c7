package dev.kiln.passes.specialize;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.passes.util.FreshCopy;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape specialization: a kernel with symbolic size variables, rewritten for one concrete shape.
 *
 * <p>The rule (docs/dynamic.md): every kernel with size variables is compiled shape-generic
 * (symbolic loop bounds), which is what artifacts carry and what runs first. A kernel is also
 * specialized per concrete shape, on first use, when {@link #worthIt} holds: it has a vectorized
 * loop whose extent depends on a size variable — with a constant extent the backend picks a
 * vector shape that fits a short row, drops a tail that the lane count divides, and folds the
 * bounds. Kernels without such loops gain nothing and stay generic.
 *
 * <p>{@link #specialize}: every size variable becomes its value (through {@link FreshCopy}, which
 * rewrites buffer shapes, loop bounds, block domains and regions alike), the parameters become
 * buffers of constant shape, and the body is simplified. The schedule is kept as it is.
 */
public final class ShapeSpecialization {
  private ShapeSpecialization() {}

  /** Whether {@code f} is specialized per shape (see the class comment). */
  public static boolean worthIt(PrimFunc f) {
    if (f.sizeVars().isEmpty()) return false;
    for (For l : IrQuery.loops(f.body()))
      if (l.kind() == ForKind.VECTORIZED)
        for (Var v : f.sizeVars()) if (FreeVars.uses(l.extent(), v)) return true;
    return false;
  }

  /** {@code f} for the sizes {@code sizes} (one per size variable): no size variables left. */
  public static PrimFunc specialize(PrimFunc f, int[] sizes) {
    if (sizes.length != f.sizeVars().size())
      throw new IllegalArgumentException(f.name() + " has " + f.sizeVars().size() + " size variables, got " + sizes.length + " sizes");
    FreshCopy copy = new FreshCopy();
    for (int i = 0; i < sizes.length; i++) copy.mapVar(f.sizeVars().get(i), new IntImm(f.sizeVars().get(i).dtype() == DType.I64 ? DType.I64 : DType.I32, sizes[i]));
    List<Buffer> inputs = new ArrayList<>(), outputs = new ArrayList<>();
    for (Buffer b : f.inputs()) inputs.add(copy.freshBuffer(b));
    for (Buffer b : f.outputs()) outputs.add(copy.freshBuffer(b));
    return new PrimFunc(f.name(), inputs, outputs, List.of(), Simplify.stmt(copy.copy(f.body())));
  }
}

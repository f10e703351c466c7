package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.ScheduleDecl;
import dev.kiln.frontend.ast.ScheduleTarget;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.ConstNode;
import dev.kiln.ir.graph.DimNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State shared while one model is lowered: the library, the kernel table, the model's symbolic
 * dimensions (each bound to the input axis that first names it), counters for schedule use
 * indices, and the helpers that emit kernel calls and constants into a region.
 */
final class LoweringContext {
  final Library lib;
  final KernelTable kernels;
  final String modelName;
  final Map<String, Var> symbols = new LinkedHashMap<>();
  final Map<Var, Value> symbolSource = new HashMap<>();
  final Map<Var, Integer> symbolAxis = new HashMap<>();
  final Map<String, Integer> opUses = new HashMap<>();

  LoweringContext(Library lib, KernelTable kernels, String modelName) {
    this.lib = lib;
    this.kernels = kernels;
    this.modelName = modelName;
  }

  /** Emits a call of a kernel and returns its result values, typed by {@link ShapeUnifier}. */
  List<Value> call(String kernel, List<Value> args, String opName, String resultHint, Span at, List<GNode> out) {
    PrimFunc f = kernels.kernels().get(kernel);
    List<TensorType> argTypes = new ArrayList<>();
    for (Value v : args) argTypes.add(v.type());
    List<TensorType> types = ShapeUnifier.resultTypes(f, argTypes, opName, at);
    List<Value> results = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      String hint = types.size() == 1 ? resultHint : resultHint + i;
      results.add(new Value(hint, types.get(i)));
    }
    out.add(new CallNode(results, kernel, args, at));
    return results;
  }

  Value call1(String kernel, List<Value> args, String opName, Span at, List<GNode> out) {
    return call(kernel, args, opName, opName, at, out).get(0);
  }

  /** A 0-d constant (or a filled static tensor). */
  Value constant(double fill, TensorType type, Span at, List<GNode> out) {
    Value v = new Value("c", type);
    out.add(new ConstNode(v, fill, at));
    return v;
  }

  /** A literal operand made into a 0-d tensor of its own kind (or of {@code as} when given). */
  Value materialize(Operand o, DType as, List<GNode> out) {
    return switch (o) {
      case Operand.Val v -> v.value();
      case Operand.Lit l -> {
        DType t = as != null ? as : l.kind();
        if (l.kind() == DType.F32 && !t.isFloat()) {
          throw new KilnException(l.span(), "a float literal cannot be used as " + t);
        }
        yield constant(l.value(), TensorType.scalar(t), l.span(), out);
      }
    };
  }

  /** The value of a symbolic dimension as a 0-d i32 tensor. */
  Value symbolValue(Var sym, Span at, List<GNode> out) {
    Value v = new Value(sym.name(), TensorType.scalar(DType.I32));
    out.add(new DimNode(v, symbolSource.get(sym), symbolAxis.get(sym), at));
    return v;
  }

  /** Fresh kernel-name hint counter per op name, for {@code schedule model.op#N}. */
  int nextUse(String op) { return opUses.merge(op, 1, Integer::sum); }

  /** The most specific schedule for this use: {@code model.op#N}, then {@code model.op}, then {@code op}. */
  ScheduleDecl scheduleFor(String op, int use) {
    ScheduleDecl byOp = null;
    ScheduleDecl byModel = null;
    for (ScheduleDecl s : lib.schedules()) {
      ScheduleTarget t = s.target();
      if (!t.op().name().equals(op)) continue;
      if (t.model() == null) byOp = s;
      else if (t.model().name().equals(modelName)) {
        if (t.use() == null) byModel = s;
        else if (t.use() == use) return s;
      }
    }
    return byModel != null ? byModel : byOp;
  }

}

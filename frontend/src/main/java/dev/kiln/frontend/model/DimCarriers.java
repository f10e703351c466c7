package dev.kiln.frontend.model;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.Span;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extra kernel arguments that carry model dimensions into a kernel through their shapes. A kernel
 * reads its sizes from the shapes of its arguments, so a kernel whose result has a dimension that
 * none of its data arguments has (the {@code T} of {@code x[:, 0:T]} on a static {@code x}) also
 * takes, unread, the model input that binds {@code T}. Algorithm: for each symbol, the input
 * recorded as its source (one argument per distinct input); carrier {@code k}'s axis {@code a} is
 * the size variable {@code S<k>_<a>} inside the kernel (static axes keep their number), and each
 * symbol maps to the variable of its source axis, so dimension expressions of the model translate
 * into the kernel's. No data is copied: the runtime passes the input's array, and the kernel's
 * shape check binds the sizes from it.
 */
final class DimCarriers {
  /** The inputs passed as carriers, in argument order. */
  final List<Value> values = new ArrayList<>();
  /** For each carrier, its shape inside the kernel: constants and size variables. */
  final List<List<Expr>> shapes = new ArrayList<>();
  /** The size variables of the carriers' symbolic axes, in order. */
  final List<Var> sizeVars = new ArrayList<>();
  /** Each model symbol's size variable inside the kernel. */
  final Map<Var, Var> rename = new IdentityHashMap<>();

  private DimCarriers() {}

  static DimCarriers of(LoweringContext cx, Collection<Var> symbols, Span at) {
    DimCarriers c = new DimCarriers();
    Map<Value, Integer> index = new LinkedHashMap<>();
    for (Var s : symbols) {
      Value src = cx.symbolSource.get(s);
      if (src == null) throw new KilnException(at, "dimension `" + s.name() + "` is not bound by an input of the model");
      Integer k = index.get(src);
      if (k == null) {
        k = c.values.size();
        index.put(src, k);
        c.values.add(src);
        List<Expr> shape = new ArrayList<>();
        for (int a = 0; a < src.type().rank(); a++) {
          Expr e = src.type().shape().get(a);
          if (e instanceof IntImm) {
            shape.add(e);
          } else {
            Var v = Var.index("S" + k + "_" + a);
            c.sizeVars.add(v);
            shape.add(v);
          }
        }
        c.shapes.add(shape);
      }
      c.rename.put(s, (Var) c.shapes.get(k).get(cx.symbolAxis.get(s)));
    }
    return c;
  }

  /** The carriers as op parameters: {@code , S0: i64[1, S0_1]} (empty when there are none). */
  String signature() {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < values.size(); k++) {
      List<String> dims = new ArrayList<>();
      for (Expr e : shapes.get(k)) dims.add(DimText.of(e));
      sb.append(", S").append(k).append(": ").append(values.get(k).type().dtype().text()).append('[')
          .append(String.join(", ", dims)).append(']');
    }
    return sb.toString();
  }

  /** The carriers as loop-nest IR buffers (for kernels built directly in the IR). */
  List<Buffer> buffers() {
    List<Buffer> out = new ArrayList<>();
    for (int k = 0; k < values.size(); k++) out.add(new Buffer("S" + k, values.get(k).type().dtype(), shapes.get(k)));
    return out;
  }

  /** A model dimension expression over the kernel's size variables. */
  Expr translate(Expr dim) {
    return Simplify.expr(Substitute.expr(dim, rename));
  }

  /** A model dimension expression in the kernel's names, as parenthesized Kiln text. */
  String text(Expr dim) {
    return "(" + DimText.of(translate(dim)) + ")";
  }
}

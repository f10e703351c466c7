package dev.kiln.backend.jvm;

import dev.kiln.backend.jvm.VectorLoop.NotVectorizable;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Emits a VECTORIZED loop with the Vector API, or reports that it cannot ({@link NotVectorizable};
 * nothing has been written then and the caller emits the scalar loop). Shape of the code, for
 * {@code lo}/{@code hi} already computed:
 * <pre>
 * int vlo = max(lo, lower bounds...), vhi = min(hi, upper bounds...);   // from the block predicate
 * if (vlo &lt; vhi &amp;&amp; guards) {
 *   boolean init = &lt;every REDUCE iter value at its min&gt;;
 *   VectorSpecies S = FloatVector.SPECIES_PREFERRED; int L = S.length();   // or a narrower shape, see
 *                                                  // VectorSupport.speciesField
 *   &lt;hoisted invariants, row offsets and broadcasts&gt;
 *   int vend = vlo + S.loopBound(vhi - vlo);
 *   for (int v = vlo; v &lt; vend; v += L) { if (init) { init stores } body stores }
 *   for (int v = vend; v &lt; vhi; v++) { the original loop body, scalar }     // the tail
 * }
 * </pre>
 * Iterations outside {@code [vlo, vhi)} fail the block predicate, so skipping them is exact.
 */
final class VectorLoopEmitter {
  /** Emits the scalar statement of the loop body for the tail. */
  interface ScalarBody {
    void emit(Scope scope, SourceWriter w);
  }

  private VectorLoopEmitter() {}

  static void emit(For f, Scope outer, String lo, String hi, Set<String> helpers, boolean fma, SourceWriter w,
      ScalarBody tail) throws NotVectorizable {
    VectorLoop vl = VectorLoop.analyze(f);
    SourceWriter out = w.fork();
    ExprCodegen scalar = new ExprCodegen(outer, helpers);
    String vlo = outer.fresh("vlo"), vhi = outer.fresh("vhi");
    out.line("int " + vlo + " = " + lo + ";").line("int " + vhi + " = " + hi + ";");
    for (Expr e : vl.lowers()) out.line(vlo + " = Math.max(" + vlo + ", " + scalar.gen(e) + ");");
    for (Expr e : vl.uppers()) out.line(vhi + " = Math.min(" + vhi + ", " + scalar.gen(e) + ");");
    List<String> conds = new ArrayList<>(List.of(vlo + " < " + vhi));
    for (Expr g : vl.guards()) conds.add(scalar.gen(g));
    out.open("if (" + String.join(" && ", conds) + ")");
    String init = null;
    if (vl.initCond() != null) {
      init = outer.fresh("init");
      out.line("boolean " + init + " = " + scalar.gen(vl.initCond()) + ";");
    }
    String species = outer.fresh("S"), lanes = outer.fresh("L"), vend = outer.fresh("vend");
    Long extent = f.extent() instanceof IntImm e ? e.value() : null;
    out.line(VectorSupport.PKG + "VectorSpecies " + species + " = " + VectorSupport.speciesField(vl.lane(), extent) + ";");
    out.line("int " + lanes + " = " + species + ".length();");
    SourceWriter hoist = out.fork();
    Scope vs = outer.child();
    String v = vs.declare(f.var());
    SourceWriter loop = out.fork();
    loop.open("for (int " + v + " = " + vlo + "; " + v + " < " + vend + "; " + v + " += " + lanes + ")");
    VectorCodegen gen = new VectorCodegen(vs, f.var(), vl.lane(), species, helpers, hoist, fma);
    if (!vl.init().isEmpty()) {
      loop.open("if (" + init + ")");
      for (Store st : vl.init()) gen.store(st, true, loop);
      loop.close();
    }
    for (Store st : vl.body()) gen.store(st, false, loop);
    loop.close();
    out.append(hoist);
    out.line("int " + vend + " = " + vlo + " + " + species + ".loopBound(" + vhi + " - " + vlo + ");");
    out.append(loop);
    Scope ts = outer.child();
    String t = ts.declare(f.var());
    out.open("for (int " + t + " = " + vend + "; " + t + " < " + vhi + "; " + t + "++)");
    tail.emit(ts, out);
    out.close();
    out.close();
    w.append(out);
  }
}

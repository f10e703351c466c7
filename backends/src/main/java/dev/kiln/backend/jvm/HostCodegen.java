package dev.kiln.backend.jvm;

import dev.kiln.runtime.plan.HostBlocks;
import dev.kiln.runtime.plan.HostProgram;
import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.Plan;
import java.util.List;

/**
 * Generates a plan's host module: a class implementing {@link HostProgram} whose
 * {@code run(HostRun r)} is the plan's control flow as Java control flow (DyCL's host module),
 * compiled to bytecode like the kernels.
 *
 * <p>Translation, instruction by instruction: each straight-line block (numbered as
 * {@link HostBlocks#collect} numbers them) becomes {@code r.block(k);}; {@code If} becomes
 * {@code if (r.truth(c, loc)) {..} else {..}}; {@code For} a Java {@code for} over a {@code long}
 * from {@code r.intScalar(lo)} to {@code r.intScalar(hi)} that stores the loop variable with
 * {@code r.setLoopVar}; {@code While} a {@code while (true)} that runs the condition's block, breaks
 * on a false condition and counts iterations with {@code r.countIteration}; {@code Return} a Java
 * {@code return} of the slot numbers (from any depth, which ends the run). The body is followed by
 * {@code return null} (a plan that ends without returning is a plan bug the executor reports).
 */
public final class HostCodegen {
  private HostCodegen() {}

  /** The host class of {@code plan} and its bytes, defined in a fresh loader and instantiated. */
  public record CompiledHost(String className, byte[] classBytes, HostProgram program) {}

  public static CompiledHost compile(Plan plan) {
    ClassSpec spec = generate(plan);
    byte[] bytes = new JavassistClassEmitter().emit(spec);
    JvmBackend.dump(spec, bytes);
    try {
      Object o = new KernelClassLoader().define(spec.name(), bytes).getConstructor().newInstance();
      return new CompiledHost(spec.name(), bytes, (HostProgram) o);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate host class " + spec.name(), e);
    }
  }

  /** The class, as a spec (its Java source is {@link ClassSpec#toSource()}). */
  public static ClassSpec generate(Plan plan) {
    Writer w = new Writer();
    w.sb.append("public int[] run(dev.kiln.runtime.plan.HostRun r) {\n");
    w.block(plan.body(), 1);
    w.line(1, "return null;");
    w.sb.append("}\n");
    return new ClassSpec(HostProgram.className(plan.modelName()), List.of(HostProgram.class.getName()), List.of(), List.of(),
        List.of(w.sb.toString()));
  }

  private static final class Writer {
    final StringBuilder sb = new StringBuilder();
    int nextBlock;
    int nextLocal;

    void block(List<Instr> instrs, int depth) {
      boolean inRun = false;
      for (Instr i : instrs) {
        if (!HostBlocks.controlFlow(i)) {
          if (!inRun) line(depth, "r.block(" + nextBlock++ + ");");
          inRun = true;
          continue;
        }
        inRun = false;
        switch (i) {
          case Instr.If f -> {
            line(depth, "if (r.truth(" + f.cond() + ", " + str(f.location()) + ")) {");
            block(f.then(), depth + 1);
            line(depth, "} else {");
            block(f.otherwise(), depth + 1);
            line(depth, "}");
          }
          case Instr.For f -> {
            String lo = "lo" + nextLocal, hi = "hi" + nextLocal, v = "i" + nextLocal++;
            line(depth, "long " + lo + " = r.intScalar(" + f.lo() + ", \"loop start\", " + str(f.location()) + ");");
            line(depth, "long " + hi + " = r.intScalar(" + f.hi() + ", \"loop end\", " + str(f.location()) + ");");
            line(depth, "for (long " + v + " = " + lo + "; " + v + " < " + hi + "; " + v + "++) {");
            line(depth + 1, "r.setLoopVar(" + f.var() + ", " + v + ", " + str(f.location()) + ");");
            block(f.body(), depth + 1);
            line(depth, "}");
          }
          case Instr.While wl -> {
            String n = "n" + nextLocal++;
            line(depth, "long " + n + " = 0L;");
            line(depth, "while (true) {");
            block(wl.condBody(), depth + 1);
            line(depth + 1, "if (!r.truth(" + wl.cond() + ", " + str(wl.location()) + ")) break;");
            line(depth + 1, n + " = r.countIteration(" + n + ", " + str(wl.location()) + ");");
            block(wl.body(), depth + 1);
            line(depth, "}");
          }
          case Instr.Return ret -> {
            StringBuilder vals = new StringBuilder();
            for (int s : ret.values()) vals.append(vals.length() == 0 ? "" : ", ").append(s);
            line(depth, "return new int[] {" + vals + "};");
          }
          default -> throw new IllegalStateException("not control flow: " + i);
        }
      }
    }

    void line(int depth, String s) { sb.append("  ".repeat(depth)).append(s).append('\n'); }

    static String str(String s) {
      if (s == null) return "null";
      StringBuilder b = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') b.append('\\').append(c);
        else if (c < 32 || c > 126) b.append(String.format("\\u%04x", (int) c));
        else b.append(c);
      }
      return b.append('"').toString();
    }
  }
}

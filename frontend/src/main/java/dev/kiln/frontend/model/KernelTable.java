package dev.kiln.frontend.model;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.ast.Decl;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Program;
import dev.kiln.frontend.ast.ScheduleDecl;
import dev.kiln.frontend.op.OpLowering;
import dev.kiln.frontend.parse.KilnParser;
import dev.kiln.frontend.schedule.ScheduleApplier;
import dev.kiln.ir.tir.PrimFunc;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernels of one compilation, each under a unique name. Instantiating the same op with the
 * same attributes and schedule twice yields the same kernel, and so does generating the same
 * source twice: kernels are deduplicated by (declaration, attributes, schedule) and by source text.
 */
public final class KernelTable {
  private final Map<String, PrimFunc> kernels = new LinkedHashMap<>();
  private final Map<OpDecl, Map<List<Object>, String>> declared = new IdentityHashMap<>();
  private final Map<String, String> generated = new HashMap<>();
  private final Map<String, OpDecl> parsedGenerated = new HashMap<>();
  private final boolean applySchedules;

  /** A table that applies {@code schedule} blocks to the kernels it instantiates. */
  public KernelTable() { this(true); }

  /** With {@code applySchedules} false, kernels stay as lowered (for printing the loops stage). */
  public KernelTable(boolean applySchedules) { this.applySchedules = applySchedules; }

  private final java.util.Set<String> userScheduled = new java.util.LinkedHashSet<>();

  public Map<String, PrimFunc> kernels() { return kernels; }

  /** The kernels a {@code schedule} block of the program applied to. */
  public java.util.Set<String> userScheduled() { return userScheduled; }

  /** Lowers a declared op with attributes and an optional schedule; returns the kernel's name. */
  String declared(OpDecl decl, Map<String, Object> attrs, ScheduleDecl schedule) {
    List<Object> key = List.of(new java.util.TreeMap<>(attrs), schedule == null ? List.of() : List.of(schedule));
    Map<List<Object>, String> forDecl = declared.computeIfAbsent(decl, d -> new HashMap<>());
    String name = forDecl.get(key);
    if (name != null) return name;
    PrimFunc f = OpLowering.lower(decl, attrs);
    if (schedule != null && applySchedules) f = ScheduleApplier.apply(schedule, f);
    name = add(decl.name().name(), f);
    forDecl.put(key, name);
    if (schedule != null && applySchedules) userScheduled.add(name);
    return name;
  }

  /** Parses, checks and lowers compiler-generated op source; a failure is a compiler bug. */
  String generated(GenericOps.Generated g) {
    String name = generated.get(g.source());
    if (name != null) return name;
    OpDecl decl = parseGenerated(g);
    PrimFunc f;
    try {
      f = OpLowering.lower(decl, Map.of());
    } catch (KilnException e) {
      throw new InternalCompilerError("generated op failed to compile:\n" + g.source() + e.render());
    }
    name = add(g.name(), f);
    generated.put(g.source(), name);
    return name;
  }

  /** The AST of generated source (cached), for callers that need the declaration itself. */
  OpDecl parseGenerated(GenericOps.Generated g) {
    OpDecl cached = parsedGenerated.get(g.source());
    if (cached != null) return cached;
    Program p;
    try {
      p = KilnParser.parse(new SourceFile("<generated " + g.name() + ">", g.source()));
    } catch (KilnException e) {
      throw new InternalCompilerError("generated op does not parse:\n" + g.source() + e.render());
    }
    for (Decl d : p.decls()) {
      if (d instanceof OpDecl op) {
        parsedGenerated.put(g.source(), op);
        return op;
      }
    }
    throw new InternalCompilerError("generated source holds no op:\n" + g.source());
  }

  /** Adds a kernel built directly in the loop-nest IR; returns its unique name. */
  String custom(String hint, PrimFunc f) {
    for (var e : kernels.entrySet()) {
      if (e.getKey().startsWith(hint) && dev.kiln.ir.tir.StructuralEqual.equal(e.getValue(), f)) return e.getKey();
    }
    return add(hint, f);
  }

  private String add(String hint, PrimFunc f) {
    String name = hint;
    for (int i = 1; kernels.containsKey(name); i++) name = hint + "_" + i;
    kernels.put(name, new PrimFunc(name, f.inputs(), f.outputs(), f.sizeVars(), f.body()));
    return name;
  }
}

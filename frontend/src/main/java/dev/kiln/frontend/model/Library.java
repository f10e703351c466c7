package dev.kiln.frontend.model;

import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Program;
import dev.kiln.frontend.ast.ScheduleDecl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a compilation can see: the main program and the programs it imports (transitively,
 * std/core always). Definitions in the main file shadow imported ones of the same name; the ops of
 * std/core stay reachable under their own names for the operators the language maps onto them
 * ({@code @} is core's matmul even where the user defines a different {@code matmul}).
 */
public final class Library {
  private final Program main;
  private final List<Program> imported;
  private final Map<String, OpDecl> ops = new LinkedHashMap<>();
  private final Map<String, OpDecl> coreOps = new LinkedHashMap<>();
  private final Map<String, ModelDecl> models = new LinkedHashMap<>();
  private final List<ScheduleDecl> schedules = new ArrayList<>();

  Library(Program main, List<Program> imported, Program core) {
    this.main = main;
    this.imported = List.copyOf(imported);
    for (Program p : imported) addDecls(p);
    addDecls(main);
    if (core != null) {
      for (var d : core.decls()) if (d instanceof OpDecl op) coreOps.put(op.name().name(), op);
    }
  }

  private void addDecls(Program p) {
    for (var d : p.decls()) {
      switch (d) {
        case OpDecl op -> ops.put(op.name().name(), op);
        case ModelDecl m -> models.put(m.name().name(), m);
        case ScheduleDecl s -> { if (p == main) schedules.add(s); }
      }
    }
  }

  public Program main() { return main; }
  public List<Program> imported() { return imported; }

  /** The op visible under this name (main file first), or null. */
  public OpDecl op(String name) { return ops.get(name); }

  /** An op of std/core by name, regardless of shadowing, or null. */
  public OpDecl coreOp(String name) { return coreOps.get(name); }

  public Map<String, OpDecl> ops() { return ops; }

  /** Models of the main file and imports; the main file's first model is the default. */
  public Map<String, ModelDecl> models() { return models; }

  /** The models defined in the main file, in source order. */
  public List<ModelDecl> mainModels() {
    List<ModelDecl> out = new ArrayList<>();
    for (var d : main.decls()) if (d instanceof ModelDecl m) out.add(m);
    return out;
  }

  /** Schedules written in the main file. */
  public List<ScheduleDecl> schedules() { return schedules; }
}

package dev.kiln.frontend;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.ast.Decl;
import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Param;
import dev.kiln.frontend.ast.ScheduleDecl;
import dev.kiln.frontend.model.KernelTable;
import dev.kiln.frontend.model.Library;
import dev.kiln.frontend.model.ModelLowering;
import dev.kiln.frontend.model.SourceLoader;
import dev.kiln.frontend.model.Suggest;
import dev.kiln.frontend.op.OpChecker;
import dev.kiln.frontend.op.OpLowering;
import dev.kiln.frontend.schedule.ScheduleApplier;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The front end's entry points: {@link #check} (every diagnostic of a file, no weights needed)
 * and {@link #compile} (one model of a file to a graph module with its kernels).
 */
public final class Frontend {
  private Frontend() {}

  /**
   * Checks a whole file: syntax, imports, every op definition, every schedule (against its op
   * lowered with default attributes, where all attributes have defaults), and every model.
   * Throws KilnException with all diagnostics, sorted by position and without duplicates.
   */
  public static Library check(SourceFile file) {
    Library lib = SourceLoader.load(file);
    DiagnosticSink sink = new DiagnosticSink();
    Set<String> seenNames = new HashSet<>();
    for (Decl d : lib.main().decls()) {
      switch (d) {
        case OpDecl op -> {
          if (!seenNames.add("op " + op.name().name())) {
            sink.error(op.name().span(), "op `" + op.name().name() + "` is defined twice in this file");
          }
          collect(sink, () -> OpChecker.check(op));
        }
        case ModelDecl m -> {
          if (!seenNames.add("model " + m.name().name())) {
            sink.error(m.name().span(), "model `" + m.name().name() + "` is defined twice in this file");
          }
        }
        case ScheduleDecl s -> checkSchedule(lib, s, sink);
      }
    }
    if (!sink.hasErrors()) {
      KernelTable kernels = new KernelTable();
      for (ModelDecl m : lib.mainModels()) ModelLowering.lower(lib, kernels, m, sink);
    }
    throwDeduplicated(sink);
    return lib;
  }

  /** Compiles model {@code modelName} (null: the file's first model) to graph IR with its kernels. */
  public static GraphModule compile(SourceFile file, String modelName) {
    Library lib = check(file);
    return compile(lib, modelName);
  }

  /** Like {@link #compile(SourceFile, String)} but with kernels as lowered, before any schedule. */
  public static GraphModule compileUnscheduled(SourceFile file, String modelName) {
    return compile(check(file), modelName, false).module();
  }

  /** Compiles a model of an already checked library. */
  public static GraphModule compile(Library lib, String modelName) {
    return compileScheduled(lib, modelName).module();
  }

  /** A compiled model and the names of the kernels the program's own schedules apply to. */
  public record Compiled(GraphModule module, Set<String> userScheduled) {}

  /** Like {@link #compile(Library, String)}, also saying which kernels have a user schedule. */
  public static Compiled compileScheduled(Library lib, String modelName) {
    return compile(lib, modelName, true);
  }

  private static Compiled compile(Library lib, String modelName, boolean applySchedules) {
    ModelDecl model = selectModel(lib, modelName);
    DiagnosticSink sink = new DiagnosticSink();
    KernelTable kernels = new KernelTable(applySchedules);
    GraphFunc f = ModelLowering.lower(lib, kernels, model, sink);
    throwDeduplicated(sink);
    return new Compiled(new GraphModule(kernels.kernels(), List.of(f)), Set.copyOf(kernels.userScheduled()));
  }

  /** The named model of the main file (or any imported one); the first of the main file when null. */
  public static ModelDecl selectModel(Library lib, String modelName) {
    if (modelName == null) {
      List<ModelDecl> ms = lib.mainModels();
      if (ms.isEmpty()) {
        throw new KilnException("no model in " + lib.main().file().path()
            + " (a file to run needs a `model` definition)");
      }
      return ms.get(0);
    }
    ModelDecl m = lib.models().get(modelName);
    if (m == null) {
      throw new KilnException("no model named `" + modelName + "` in " + lib.main().file().path()
          + Suggest.didYouMean(modelName, lib.models().keySet()) + "; models: " + String.join(", ", lib.models().keySet()));
    }
    return m;
  }

  private static void checkSchedule(Library lib, ScheduleDecl s, DiagnosticSink sink) {
    String opName = s.target().op().name();
    OpDecl op = lib.op(opName);
    if (op == null) {
      sink.error(s.target().op().span(), "schedule for unknown op `" + opName + "`" + Suggest.didYouMean(opName, lib.ops().keySet()));
      return;
    }
    if (s.target().model() != null && lib.models().get(s.target().model().name()) == null) {
      sink.error(s.target().model().span(), "schedule for unknown model `" + s.target().model().name() + "`");
      return;
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (Param p : op.attrs()) if (p.defaultValue() == null) return;
    collect(sink, () -> ScheduleApplier.validate(s, OpLowering.lower(op, defaults)));
  }

  private static void collect(DiagnosticSink sink, Runnable r) {
    try {
      r.run();
    } catch (KilnException e) {
      sink.addAll(e);
    }
  }

  private static void throwDeduplicated(DiagnosticSink sink) {
    if (!sink.hasErrors()) return;
    List<Diagnostic> unique = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Diagnostic d : sink.diagnostics()) if (seen.add(d.render())) unique.add(d);
    DiagnosticSink clean = new DiagnosticSink();
    for (Diagnostic d : unique) clean.add(d);
    clean.throwIfErrors();
  }
}

package dev.kiln.cli;

import dev.kiln.Pipeline;
import dev.kiln.frontend.Frontend;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.PartitionedFunc;
import dev.kiln.passes.partition.Partition;
import dev.kiln.ir.graph.text.GraphPrinter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirPrinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "print-ir", description = "Print a model's IR after a stage, in the text form that parses back.")
final class PrintIrCommand implements Callable<Integer> {
  enum Stage { graph, partitioned, loops, scheduled }

  @Parameters(index = "0", paramLabel = "FILE.kiln") Path file;

  @Option(names = "--stage", defaultValue = "graph",
      description = "graph (the model as graph IR, after the graph passes), partitioned (its straight-line subgraphs, then the host program that runs them under the model's control flow), loops (its kernels as lowered), scheduled (the kernels the backend compiles: after schedules and fusion). Default: ${DEFAULT-VALUE}")
  Stage stage;

  @Option(names = "--model", description = "the model to print (default: the file's first)") String model;

  @Override public Integer call() {
    var source = SourceArgs.read(file);
    StringBuilder out = new StringBuilder();
    switch (stage) {
      case graph -> {
        for (var f : Pipeline.frontEnd(source, model).funcs()) out.append(GraphPrinter.print(f));
      }
      case partitioned -> {
        List<GraphFunc> funcs = new ArrayList<>();
        for (var f : Pipeline.frontEnd(source, model).funcs()) {
          PartitionedFunc p = Partition.apply(f);
          funcs.addAll(p.subgraphs().values());
          funcs.add(p.host());
        }
        out.append(GraphPrinter.print(new GraphModule(Map.of(), funcs)));
      }
      case loops -> {
        GraphModule m = Frontend.compileUnscheduled(source, model);
        for (PrimFunc f : m.kernels().values()) out.append(TirPrinter.print(f)).append('\n');
      }
      case scheduled -> {
        GraphModule m = Pipeline.frontEnd(source, model);
        for (PrimFunc f : m.kernels().values()) out.append(TirPrinter.print(f)).append('\n');
      }
    }
    System.out.print(out);
    return 0;
  }
}

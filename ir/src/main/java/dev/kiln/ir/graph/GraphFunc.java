package dev.kiln.ir.graph;

import dev.kiln.diag.Span;
import dev.kiln.ir.tir.Var;
import java.util.List;

/**
 * A model in graph form: inputs (whose shapes use the symbolic dims {@code symbols}), weights,
 * a body region, and the names of its outputs (the values of any {@link ReturnNode}).
 */
public record GraphFunc(String name, List<Value> inputs, List<Var> symbols, List<GraphParam> params, Region body,
    List<String> outputNames, List<TensorType> outputTypes, Span span) {
  public GraphFunc {
    inputs = List.copyOf(inputs);
    symbols = List.copyOf(symbols);
    params = List.copyOf(params);
    outputNames = List.copyOf(outputNames);
    outputTypes = List.copyOf(outputTypes);
  }

  public GraphFunc withBody(Region newBody) {
    return new GraphFunc(name, inputs, symbols, params, newBody, outputNames, outputTypes, span);
  }
}

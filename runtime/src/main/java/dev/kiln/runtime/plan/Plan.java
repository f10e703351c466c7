package dev.kiln.runtime.plan;

import java.util.List;

/**
 * The executable form of one model: {@code numSlots} tensor slots; inputs and params placed in
 * their slots before {@code body} runs; {@code body} ends with a {@link Instr.Return} whose
 * values are the outputs, named by {@code outputNames} and checked against {@code outputSpecs}
 * (null: not checked); {@code CallKernel.kernel} indexes the kernels, whose class names (for
 * artifacts) are {@code kernelClassNames}.
 */
public record Plan(String modelName, int numSlots, List<InputSpec> inputs, List<ParamSpec> params,
    List<String> outputNames, List<Instr> body, List<String> kernelClassNames, OutputSpecs outputSpecs) {
  /** A plan whose outputs are not checked against declared shapes. */
  public Plan(String modelName, int numSlots, List<InputSpec> inputs, List<ParamSpec> params,
      List<String> outputNames, List<Instr> body, List<String> kernelClassNames) {
    this(modelName, numSlots, inputs, params, outputNames, body, kernelClassNames, null);
  }

  public Plan {
    inputs = List.copyOf(inputs);
    params = List.copyOf(params);
    outputNames = List.copyOf(outputNames);
    body = List.copyOf(body);
    kernelClassNames = List.copyOf(kernelClassNames);
    if (outputSpecs != null && outputSpecs.shapes().size() != outputNames.size()) {
      throw new IllegalArgumentException(outputSpecs.shapes().size() + " output shapes for " + outputNames.size()
          + " outputs");
    }
    if (numSlots < 0) {
      throw new IllegalArgumentException("negative numSlots " + numSlots);
    }
  }
}

package dev.kiln.runtime;

import dev.kiln.runtime.artifact.Artifact;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.ParamSpec;
import dev.kiln.runtime.plan.Plan;
import dev.kiln.runtime.plan.PlanExecutor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model ready to run: a {@link Plan}, its kernels and its bound params. Immutable; every
 * {@link #run} uses its own slots, so one instance may serve many threads at once (kernels are
 * stateless by contract, and tensors are never written once shared).
 *
 * <pre>{@code
 * CompiledModel m = CompiledModel.load(Path.of("mlp.kar"));
 * Tensor y = m.run(Map.of("x", Tensor.of(pixels, 1, 784))).get("out");
 * }</pre>
 */
public final class CompiledModel {
  private static final PlanExecutor EXECUTOR = new PlanExecutor();

  private final Plan plan;
  private final Kernel[] kernels;
  private final Tensor[] params;
  private final RunOptions options;

  /** Checks that the params match the plan's declarations and the kernel count. */
  public CompiledModel(Plan plan, Kernel[] kernels, Tensor[] params) {
    this(plan, kernels.clone(), params.clone(), RunOptions.DEFAULT);
    if (kernels.length < plan.kernelClassNames().size()) {
      throw new IllegalArgumentException("plan '" + plan.modelName() + "' names "
          + plan.kernelClassNames().size() + " kernels, got " + kernels.length);
    }
    if (params.length != plan.params().size()) {
      throw new IllegalArgumentException("plan '" + plan.modelName() + "' has "
          + plan.params().size() + " params, got " + params.length);
    }
    for (int i = 0; i < params.length; i++) {
      ParamSpec p = plan.params().get(i);
      Tensor t = params[i];
      if (t == null || t.dtype() != p.dtype() || !Arrays.equals(t.shape(), p.shape())) {
        throw new KilnRuntimeException("param '" + p.name() + "' is declared "
            + p.dtype().format(p.shape()) + " but was given "
            + (t == null ? "nothing" : t.typeString()), p.location());
      }
    }
  }

  private CompiledModel(Plan plan, Kernel[] kernels, Tensor[] params, RunOptions options) {
    this.plan = plan;
    this.kernels = kernels;
    this.params = params;
    this.options = options;
  }

  /** Loads a {@code .kar} artifact, verifying its integrity (see {@link Artifact#load}). */
  public static CompiledModel load(Path kar) {
    Artifact.Loaded loaded = Artifact.load(kar);
    return new CompiledModel(loaded.plan(), loaded.kernels(), loaded.params());
  }

  /** The same model with other run options. */
  public CompiledModel withOptions(RunOptions newOptions) {
    return new CompiledModel(plan, kernels, params, newOptions);
  }

  public String name() {
    return plan.modelName();
  }

  public List<InputSpec> inputs() {
    return plan.inputs();
  }

  public List<String> outputNames() {
    return plan.outputNames();
  }

  public RunOptions options() {
    return options;
  }

  /** The bound weights, in {@code plan().params()} order (a copy of the array; the tensors are shared). */
  public Tensor[] params() {
    return params.clone();
  }

  public Plan plan() {
    return plan;
  }

  /** Runs the model; the result is ordered as {@link #outputNames()}. */
  public Map<String, Tensor> run(Map<String, Tensor> inputs) {
    return EXECUTOR.run(plan, kernels, params, inputs, options);
  }

  /** Runs the model on inputs given in declaration order; returns the first output. */
  public Tensor run(Tensor... positional) {
    if (positional.length != plan.inputs().size()) {
      throw new KilnRuntimeException("model '" + name() + "' takes " + plan.inputs().size()
          + " inputs, got " + positional.length);
    }
    Map<String, Tensor> byName = new LinkedHashMap<>();
    for (int i = 0; i < positional.length; i++) {
      byName.put(plan.inputs().get(i).name(), positional[i]);
    }
    return run(byName).values().iterator().next();
  }
}

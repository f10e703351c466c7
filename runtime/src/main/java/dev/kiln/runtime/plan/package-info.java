/**
 * The executable form of a model, produced by the compiler and run by
 * {@link dev.kiln.runtime.plan.PlanExecutor}.
 *
 * <p>A {@link dev.kiln.runtime.plan.Plan} is a tree of {@link dev.kiln.runtime.plan.Instr}s over
 * numbered slots, each holding one immutable {@link dev.kiln.runtime.Tensor}: kernel calls with
 * their shape contracts ({@link dev.kiln.runtime.plan.IntExpr} patterns over the kernel's size
 * variables), constants, copies, shape queries, and structured control flow (if, for, while,
 * return). Inputs and params enter through fixed slots described by
 * {@link dev.kiln.runtime.plan.InputSpec} and {@link dev.kiln.runtime.plan.ParamSpec}.
 */
package dev.kiln.runtime.plan;

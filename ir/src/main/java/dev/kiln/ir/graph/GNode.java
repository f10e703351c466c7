package dev.kiln.ir.graph;

import dev.kiln.diag.Span;

/**
 * A node of the graph IR. Control flow is structured: {@code if}, {@code for} and {@code while}
 * own regions; values that change across iterations or branches are explicit (loop-carried
 * values and branch results, as in MLIR's scf dialect). A {@link ReturnNode} may appear at any
 * depth and ends the function (early exit).
 */
public sealed interface GNode
    permits CallNode, ConstNode, DimNode, ReshapeNode, IfNode, ForNode, WhileNode, YieldNode, ReturnNode,
        CheckIndexNode {
  Span span();
}

package dev.kiln.frontend.op;

import dev.kiln.frontend.ast.OpStmt;
import java.util.List;

/**
 * One checked statement: the tensor it writes, its operator ({@code = += *= max= min=}), its
 * spatial variables in left-hand order, its reduction variables in order of first appearance
 * (variables only named in the {@code where} clause last), and the typed right-hand side.
 */
public record StmtInfo(OpStmt source, String target, String op, List<IndexVarInfo> spatial,
    List<IndexVarInfo> reduce, TExpr value) {
  public StmtInfo {
    spatial = List.copyOf(spatial);
    reduce = List.copyOf(reduce);
  }

  public boolean isReduction() { return !op.equals("="); }
}

package dev.kiln.importer.onnx;

import java.util.List;

/** The permutation of a Transpose node: its {@code perm} attribute, or the reversed axes. */
final class Transposes {
  private Transposes() {}

  static int[] perm(Node n, int rank) {
    List<Long> p = n.attrs.ints("perm");
    if (p != null && !p.isEmpty() && p.size() != rank) {
      throw new ImportException("perm " + p + " does not fit a rank-" + rank + " input");
    }
    int[] out = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int a = 0; a < rank; a++) {
      int v = p == null || p.isEmpty() ? rank - 1 - a : ShapeMath.axis(p.get(a), rank, "perm entry");
      if (seen[v]) throw new ImportException("perm " + p + " repeats an axis");
      seen[v] = true;
      out[a] = v;
    }
    return out;
  }
}

package dev.kiln.frontend.model;

import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes Kiln {@code op} definitions for operators that are generic over rank, one per concrete
 * use: elementwise maps with NumPy broadcasting, reductions over axes, softmax, transpose, concat,
 * slicing, layer norm. The text goes through the same parser, checker and lowering as a
 * hand-written op, so the generated kernels get the same checks (bounds proof included).
 *
 * <p>Shapes are described per input as a list of {@link Axis} entries: each axis of an input is
 * either tied to an output axis (sharing its dimension name, so the runtime checks they agree) or
 * is a broadcast axis of extent 1 (read at index 0).
 */
final class GenericOps {
  private GenericOps() {}

  /** The source of a generated op and its name. */
  record Generated(String name, String source) {}

  static String dimName(int axis) { return "D" + axis; }

  static String idx(int axis) { return "i" + axis; }

  /**
   * An elementwise map {@code Y[i0, ..] = expr}, where {@code expr} uses {@code $k} for input k read
   * at {@code inIndex.get(k)} (index texts over the output's index variables {@code i0, i1, ...}; a
   * broadcast axis reads index 0). Dimension texts are constants or names {@code D<axis>} shared
   * between inputs and output.
   */
  static Generated map(String name, List<DType> inTypes, List<List<String>> inDims, List<List<String>> inIndex,
      List<String> outDims, DType outType, String expr) {
    StringBuilder sig = new StringBuilder();
    List<String> reads = new ArrayList<>();
    for (int k = 0; k < inTypes.size(); k++) {
      if (k > 0) sig.append(", ");
      sig.append("X").append(k).append(": ").append(inTypes.get(k).text()).append('[')
          .append(String.join(", ", inDims.get(k))).append(']');
      reads.add(ref("X" + k, String.join(", ", inIndex.get(k))));
    }
    String body = expr;
    for (int k = reads.size() - 1; k >= 0; k--) body = body.replace("$" + k, reads.get(k));
    String outIdx = joinRange(0, outDims.size(), GenericOps::idx);
    return new Generated(name, "op " + name + "(" + sig + ") -> Y: " + outType.text() + "["
        + String.join(", ", outDims) + "] {\n  Y[" + outIdx + "] = " + body + "\n}\n");
  }

  /**
   * A reduction of {@code X} (rank r) over {@code axes}: {@code kind} is sum, prod, max, min or mean;
   * with {@code keep} the reduced axes stay with extent 1.
   */
  static Generated reduce(String name, DType t, int rank, List<Integer> axes, String kind, boolean keep) {
    String inDims = joinRange(0, rank, GenericOps::dimName);
    String inIdx = joinRange(0, rank, GenericOps::idx);
    StringJoiner outDims = new StringJoiner(", ");
    StringJoiner outIdx = new StringJoiner(", ");
    StringJoiner count = new StringJoiner(" * ");
    for (int a = 0; a < rank; a++) {
      if (axes.contains(a)) {
        count.add(dimName(a));
        if (keep) {
          outDims.add("1");
          outIdx.add("k" + a);
        }
      } else {
        outDims.add(dimName(a));
        outIdx.add(idx(a));
      }
    }
    String op = switch (kind) {
      case "sum", "mean" -> "+=";
      case "prod" -> "*=";
      case "max" -> "max=";
      case "min" -> "min=";
      default -> throw new IllegalArgumentException(kind);
    };
    String plainOut = plainOutIdx(rank, axes);
    boolean mean = kind.equals("mean");
    String first = mean || keep ? "r" : "Y";
    StringBuilder body = new StringBuilder();
    body.append("  ").append(first).append('[').append(plainOut).append("] ").append(op)
        .append(" ").append(ref("X", inIdx)).append("\n");
    if (mean) {
      body.append("  ").append(keep ? "r2" : "Y").append('[').append(plainOut).append("] = ").append(ref("r", plainOut))
          .append(" / ").append(t.text()).append('(').append(count).append(")\n");
    }
    if (keep) {
      body.append("  Y[").append(outIdx).append("] = ").append(ref(mean ? "r2" : "r", plainOut)).append("\n");
    }
    return new Generated(name, "op " + name + "(X: " + t.text() + "[" + inDims + "]) -> Y: " + t.text() + "["
        + outDims + "] {\n" + body + "}\n");
  }

  private static String plainOutIdx(int rank, List<Integer> axes) {
    StringJoiner j = new StringJoiner(", ");
    for (int a = 0; a < rank; a++) if (!axes.contains(a)) j.add(idx(a));
    return j.toString();
  }

  /** Index of the first maximum along {@code axis}, as i64. */
  static Generated argmax(String name, DType t, int rank, int axis) {
    String inDims = joinRange(0, rank, GenericOps::dimName);
    String inIdx = joinRange(0, rank, GenericOps::idx);
    String keep = plainOutIdx(rank, List.of(axis));
    StringJoiner outDims = new StringJoiner(", ");
    for (int a = 0; a < rank; a++) if (a != axis) outDims.add(dimName(a));
    String src = "op " + name + "(X: " + t.text() + "[" + inDims + "]) -> Y: i64[" + outDims + "] {\n"
        + "  m[" + keep + "] max= X[" + inIdx + "]\n"
        + "  Y[" + keep + "] min= select(X[" + inIdx + "] == " + ref("m", keep) + ", i64(" + idx(axis) + "), i64("
        + dimName(axis) + "))\n}\n";
    return new Generated(name, src);
  }

  /** Softmax (or log-softmax) along {@code axis}, max-subtracted for stability. */
  static Generated softmax(String name, DType t, int rank, int axis, boolean log) {
    String dims = joinRange(0, rank, GenericOps::dimName);
    String ix = joinRange(0, rank, GenericOps::idx);
    String keep = plainOutIdx(rank, List.of(axis));
    String x = "X[" + ix + "]";
    String m = ref("m", keep);
    String sum = ref("s", keep);
    String out = log
        ? "  Y[" + ix + "] = " + x + " - " + m + " - log(" + sum + ")\n"
        : "  Y[" + ix + "] = exp(" + x + " - " + m + ") / " + sum + "\n";
    return new Generated(name, "op " + name + "(X: " + t.text() + "[" + dims + "]) -> Y: " + t.text() + "[" + dims
        + "] {\n  m[" + keep + "] max= " + x + "\n  s[" + keep + "] += exp(" + x + " - " + m + ")\n" + out
        + "}\n");
  }

  /** Layer normalization over the last axis, with scale and shift vectors. */
  static Generated layerNorm(String name, DType t, int rank, String eps) {
    String dims = joinRange(0, rank, GenericOps::dimName);
    String ix = joinRange(0, rank, GenericOps::idx);
    String keep = plainOutIdx(rank, List.of(rank - 1));
    String last = dimName(rank - 1);
    String x = "X[" + ix + "]";
    String ty = t.text();
    String mu = ref("mu", keep);
    String v = ref("v", keep);
    String sum = ref("s", keep);
    return new Generated(name, "op " + name + "(X: " + ty + "[" + dims + "], G: " + ty + "[" + last + "], Bt: " + ty
        + "[" + last + "]) -> Y: " + ty + "[" + dims + "] {\n"
        + "  s[" + keep + "] += " + x + "\n"
        + "  mu[" + keep + "] = " + sum + " / " + ty + "(" + last + ")\n"
        + "  v[" + keep + "] += (" + x + " - " + mu + ") * (" + x + " - " + mu + ")\n"
        + "  Y[" + ix + "] = (" + x + " - " + mu + ") * rsqrt(" + v + " / " + ty + "(" + last + ") + "
        + eps + ") * G[" + idx(rank - 1) + "] + Bt[" + idx(rank - 1) + "]\n}\n");
  }

  /** Permutes axes: output axis a is input axis perm[a]. */
  static Generated transpose(String name, DType t, int[] perm) {
    int rank = perm.length;
    String inDims = joinRange(0, rank, GenericOps::dimName);
    StringJoiner outDims = new StringJoiner(", ");
    StringJoiner outIdx = new StringJoiner(", ");
    for (int a = 0; a < rank; a++) {
      outDims.add(dimName(perm[a]));
      outIdx.add(idx(perm[a]));
    }
    return new Generated(name, "op " + name + "(X: " + t.text() + "[" + inDims + "]) -> Y: " + t.text() + "["
        + outDims + "] {\n  Y[" + outIdx + "] = X[" + joinRange(0, rank, GenericOps::idx) + "]\n}\n");
  }

  /** Concatenation of two tensors along {@code axis}. */
  static Generated concat(String name, DType t, int rank, int axis) {
    StringJoiner a = new StringJoiner(", ");
    StringJoiner b = new StringJoiner(", ");
    StringJoiner out = new StringJoiner(", ");
    StringJoiner ia = new StringJoiner(", ");
    StringJoiner ib = new StringJoiner(", ");
    for (int d = 0; d < rank; d++) {
      if (d == axis) {
        a.add("P");
        b.add("Q");
        out.add("P + Q");
        ia.add(idx(d));
        ib.add(idx(d) + " - P");
      } else {
        a.add(dimName(d));
        b.add(dimName(d));
        out.add(dimName(d));
        ia.add(idx(d));
        ib.add(idx(d));
      }
    }
    String ix = joinRange(0, rank, GenericOps::idx);
    return new Generated(name, "op " + name + "(A: " + t.text() + "[" + a + "], B: " + t.text() + "[" + b
        + "]) -> Y: " + t.text() + "[" + out + "] {\n  Y[" + ix + "] = select(" + idx(axis) + " < P, A[" + ia
        + "], B[" + ib + "])\n}\n");
  }

  /**
   * A static slice: {@code Y[i..] = X[read..]} with the input's dims {@code inDims}, the read
   * index texts {@code read} (e.g. {@code i1 + 2}) and the output dims {@code outDims}, all in Kiln
   * dimension syntax.
   */
  static Generated slice(String name, DType t, String[] inDims, String[] read, String[] outDims) {
    int rank = inDims.length;
    return new Generated(name, "op " + name + "(X: " + t.text() + "[" + String.join(", ", inDims) + "]) -> Y: "
        + t.text() + "[" + String.join(", ", outDims) + "] {\n  Y[" + joinRange(0, rank, GenericOps::idx)
        + "] = X[" + String.join(", ", read) + "]\n}\n");
  }

  /** Batched matrix product with the batch axes shared: A[..., M, K] @ B[..., K, N] (B may be 2-D). */
  static Generated batchMatmul(String name, DType t, int batchRank, boolean bBatched) {
    StringJoiner bd = new StringJoiner(", ");
    StringJoiner bi = new StringJoiner(", ");
    for (int d = 0; d < batchRank; d++) {
      bd.add(dimName(d));
      bi.add(idx(d));
    }
    String pre = batchRank == 0 ? "" : bd + ", ";
    String preI = batchRank == 0 ? "" : bi + ", ";
    String bPre = bBatched ? pre : "";
    String bPreI = bBatched ? preI : "";
    String ty = t.text();
    return new Generated(name, "op " + name + "(A: " + ty + "[" + pre + "M, K], B: " + ty + "[" + bPre
        + "K, N]) -> C: " + ty + "[" + pre + "M, N] {\n  C[" + preI + "m, n] += A[" + preI + "m, k] * B[" + bPreI
        + "k, n]\n}\n");
  }

  private static String joinRange(int from, int to, java.util.function.IntFunction<String> f) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = from; i < to; i++) j.add(f.apply(i));
    return j.toString();
  }

  /** A read of {@code name} at {@code index}; a 0-d tensor is read by its bare name. */
  static String ref(String name, String index) {
    return index.isEmpty() ? name : name + "[" + index + "]";
  }

  /** Formats a literal so the Kiln lexer reads back the same double. */
  static String literal(double v, DType t) {
    if (t.isBool()) return v != 0 ? "true" : "false";
    if (!t.isFloat()) return Long.toString((long) v);
    if (Double.isInfinite(v) || Double.isNaN(v)) throw new IllegalArgumentException("non-finite literal");
    String s = Double.toString(Math.abs(v)).replace('E', 'e');
    return v < 0 || (v == 0 && 1 / v < 0) ? "(-" + s + ")" : s;
  }
}

package dev.kiln.importer.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Slice parameters resolved against an input shape, following the operator's clamping rules.
 * With step 1: a negative start or end counts from the end of its axis; an end at or beyond a
 * static dimension (exporters write INT64_MAX for "to the end") is the dimension; a symbolic end
 * on a static axis stays symbolic (Kiln checks it when the model runs). Any other step needs a
 * static axis and constant bounds; start is clamped to [0, d] (positive step) or [0, d - 1]
 * (negative step) and end to [0, d] or [-1, d - 1], and the range is kept as the explicit list of
 * indices it takes (which the translator gathers).
 */
final class Slices {
  /**
   * The elements {@code start, start + step, ...} before {@code end} of axis {@code axis};
   * {@code indices} lists them when the step is not 1 (null otherwise).
   */
  record Range(int axis, Dim start, Dim end, long step, long[] indices) {
    Dim length() {
      return indices != null ? Dim.of(indices.length) : end.minus(start);
    }
  }

  private static final long TO_END = Integer.MAX_VALUE;

  private Slices() {}

  static List<Range> resolve(Node n, List<Dim> shape) {
    Dim[] starts;
    Dim[] ends;
    long[] axes = null;
    long[] steps = null;
    if (n.opset() < 10) {
      starts = dims(n.attrs.ints("starts"));
      ends = dims(n.attrs.ints("ends"));
      if (n.attrs.has("axes")) axes = n.attrs.ints("axes").stream().mapToLong(Long::longValue).toArray();
    } else {
      starts = n.known(1, "starts").dims();
      ends = n.known(2, "ends").dims();
      if (n.has(3)) axes = n.known(3, "axes").longs();
      if (n.has(4)) steps = n.known(4, "steps").longs();
    }
    if (starts == null || ends == null || starts.length != ends.length) {
      throw new ImportException("Slice needs starts and ends of the same length");
    }
    List<Range> out = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      int axis = ShapeMath.axis(axes == null ? i : axes[i], shape.size(), "axis");
      long step = steps == null ? 1 : steps[i];
      if (step == 0) throw new ImportException("Slice with step 0");
      Dim d = shape.get(axis);
      if (step != 1) {
        out.add(stepped(axis, starts[i], ends[i], step, d));
        continue;
      }
      Dim s = bound(starts[i], d);
      Dim e = bound(ends[i], d);
      if (s.isConstant() && e.isConstant() && e.value() < s.value()) e = s;
      out.add(new Range(axis, s, e, 1, null));
    }
    return out;
  }

  private static Range stepped(int axis, Dim start, Dim end, long step, Dim d) {
    if (!d.isConstant() || !start.isConstant() || !end.isConstant()) {
      throw new ImportException("Slice with step " + step + " needs a static axis and constant bounds, got " + start
          + ":" + end + " of " + d);
    }
    long len = d.value();
    long s = start.value() < 0 ? start.value() + len : start.value();
    long e = end.value() < 0 ? (end.value() < -len ? -1 : end.value() + len) : end.value();
    if (step > 0) {
      s = Math.clamp(s, 0, len);
      e = Math.clamp(e, 0, len);
    } else {
      s = Math.clamp(s, 0, len - 1);
      e = Math.clamp(e, -1, len - 1);
    }
    List<Long> idx = new ArrayList<>();
    for (long i = s; step > 0 ? i < e : i > e; i += step) idx.add(i);
    return new Range(axis, Dim.of(s), Dim.of(e), step, idx.stream().mapToLong(Long::longValue).toArray());
  }

  private static Dim bound(Dim v, Dim d) {
    if (!v.isConstant()) return v;
    long x = v.value();
    if (x >= TO_END) return d;
    if (d.isConstant()) {
      long len = d.value();
      long y = x < 0 ? x + len : x;
      return Dim.of(Math.max(0, Math.min(len, y)));
    }
    return x < 0 ? d.plus(x) : v;
  }

  private static Dim[] dims(List<Long> vs) {
    if (vs == null) return null;
    Dim[] d = new Dim[vs.size()];
    for (int i = 0; i < d.length; i++) d[i] = Dim.of(vs.get(i));
    return d;
  }
}

package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.io.SafeTensors;
import dev.kiln.runtime.plan.ParamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightStoreTest {
  @TempDir Path dir;

  private static ParamSpec spec(String name, String key, ElementType t, String loc, int... shape) {
    return new ParamSpec(name, key, t, shape, loc, 0);
  }

  private Path safetensors() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    m.put("fc1.weight", Tensor.zeros(ElementType.F32, 4, 3));
    m.put("fc1.bias", Tensor.zeros(ElementType.F32, 3));
    m.put("fc2.weight", Tensor.zeros(ElementType.F64, 3, 2));
    m.put("embed", Tensor.zeros(ElementType.F32, 10, 4));
    Path f = dir.resolve("model.safetensors");
    SafeTensors.write(f, m);
    return f;
  }

  @Test
  void bindsSafetensorsByKey() {
    WeightStore store = WeightStore.open(safetensors());
    Tensor[] bound = store.bind(List.of(spec("w1", "fc1.weight", ElementType.F32, null, 4, 3),
        spec("b1", "fc1.bias", ElementType.F32, null, 3)));
    assertSame(store.get("fc1.weight"), bound[0]);
    assertSame(store.get("fc1.bias"), bound[1]);
    assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "embed"),
        List.copyOf(store.keys()));
  }

  @Test
  void bindReportsEveryProblemAtOnce() {
    Path f = safetensors();
    WeightStore store = WeightStore.open(f);
    var e = assertThrows(KilnRuntimeException.class, () -> store.bind(List.of(
        spec("w1", "fc1.weight", ElementType.F32, "m.kiln:2:3", 3, 4),
        spec("w2", "fc2.weight", ElementType.F32, "m.kiln:3:3", 3, 2),
        spec("b1", "fc1.bais", ElementType.F32, "m.kiln:4:3", 3),
        spec("ok", "embed", ElementType.F32, "m.kiln:5:3", 10, 4),
        spec("zzz", "qqqqqqqq", ElementType.F32, "m.kiln:6:3", 1))));
    String m = e.getMessage();
    assertTrue(m.startsWith("cannot bind weights from " + f + " (4 problems):"), m);
    assertTrue(m.contains("param 'w1' (m.kiln:2:3): declared f32[3, 4] but key 'fc1.weight' in "
        + f + " is f32[4, 3] (wrong shape)"), m);
    assertTrue(m.contains("param 'w2' (m.kiln:3:3): declared f32[3, 2] but key 'fc2.weight' in "
        + f + " is f64[3, 2] (wrong dtype)"), m);
    assertTrue(m.contains("param 'b1' (m.kiln:4:3): key 'fc1.bais' not found in " + f
        + "; did you mean 'fc1.bias'?"), m);
    assertTrue(m.contains("param 'zzz' (m.kiln:6:3): key 'qqqqqqqq' not found in " + f + "\n")
        || m.endsWith("key 'qqqqqqqq' not found in " + f), m);
    assertTrue(!m.contains("param 'ok'"), m);
  }

  @Test
  void suggestsDottedSuffixKeys() {
    WeightStore store = WeightStore.open(safetensors());
    var e = assertThrows(KilnRuntimeException.class,
        () -> store.bind(List.of(spec("bias", "bias", ElementType.F32, null, 3))));
    assertTrue(e.getMessage().contains("did you mean 'fc1.bias'?"), e.getMessage());
  }

  @Test
  void opensSingleNpyAndDirectoryOfNpy() throws Exception {
    Path single = dir.resolve("w.npy");
    Npy.write(single, Tensor.of(new float[] {1, 2}, 2));
    WeightStore one = WeightStore.open(single);
    assertEquals(List.of("w"), List.copyOf(one.keys()));
    Path sub = Files.createDirectory(dir.resolve("weights"));
    Npy.write(sub.resolve("b.npy"), Tensor.of(new int[] {1}, 1));
    Npy.write(sub.resolve("a.npy"), Tensor.of(new double[] {2}, 1));
    Files.writeString(sub.resolve("README.txt"), "ignored");
    WeightStore many = WeightStore.open(sub);
    assertEquals(List.of("a", "b"), List.copyOf(many.keys()));
    assertEquals(ElementType.I32, many.get("b").dtype());
  }

  @Test
  void unknownFileKindsAreClearErrors() throws Exception {
    Path txt = Files.writeString(dir.resolve("w.txt"), "x");
    var e = assertThrows(KilnRuntimeException.class, () -> WeightStore.open(txt));
    assertTrue(e.getMessage().contains("must be a .safetensors file"), e.getMessage());
    e = assertThrows(KilnRuntimeException.class,
        () -> WeightStore.open(dir.resolve("missing.safetensors")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }
}

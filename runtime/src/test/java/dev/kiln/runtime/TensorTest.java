package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
  @Test
  void elementTypesParseAndDescribeStorage() {
    for (ElementType t : ElementType.values()) {
      assertSame(t, ElementType.parse(t.text()));
      assertSame(t.storageClass(), t.newArray(3).getClass());
    }
    assertEquals(2, ElementType.BF16.bytes());
    assertEquals(8, ElementType.I64.bytes());
    assertSame(float[].class, ElementType.F16.storageClass());
    var e = assertThrows(KilnRuntimeException.class, () -> ElementType.parse("f128"));
    assertTrue(e.getMessage().contains("unknown element type 'f128'"));
  }

  @Test
  void factoriesAccessorsAndShapeCopy() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(ElementType.F32, t.dtype());
    assertEquals(2, t.rank());
    assertEquals(6, t.size());
    assertEquals(6f, t.getFloat(1, 2));
    assertEquals(4.0, t.getDouble(3));
    int[] shape = t.shape();
    shape[0] = 99;
    assertArrayEquals(new int[] {2, 3}, t.shape());
    assertEquals(ElementType.I64, Tensor.of(new long[] {1}, 1).dtype());
    assertEquals(ElementType.BOOL, Tensor.of(new boolean[] {true}).dtype());
    assertEquals(255.0, Tensor.of(ElementType.U8, new byte[] {-1}, 1).getDouble(0));
    assertEquals(-1.0, Tensor.of(new byte[] {-1}, 1).getDouble(0));
    assertEquals(0, Tensor.scalar(3f).rank());
    assertEquals(7, Tensor.scalarInt(7).getLong(0));
    assertEquals(Tensor.of(new int[6], 2, 3), Tensor.zeros(ElementType.I32, 2, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(2, 0));
  }

  @Test
  void wrongDataLengthOrStorageIsRejected() {
    var e = assertThrows(KilnRuntimeException.class, () -> Tensor.of(new float[5], 2, 3));
    assertTrue(e.getMessage().contains("5 elements but shape f32[2, 3] needs 6"), e.getMessage());
    assertThrows(KilnRuntimeException.class, () -> Tensor.of(ElementType.F64, new float[1], 1));
    assertThrows(KilnRuntimeException.class, () -> Tensor.zeros(ElementType.F32, -1));
  }

  @Test
  void reshapeSharesData() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor r = t.reshape(3, 2);
    assertSame(t.data(), r.data());
    assertEquals(4f, r.getFloat(1, 1));
    assertThrows(KilnRuntimeException.class, () -> t.reshape(4, 2));
  }

  @Test
  void allCloseUsesAbsoluteAndRelativeTolerance() {
    Tensor a = Tensor.of(new float[] {1f, 100f}, 2);
    assertTrue(a.allClose(Tensor.of(new float[] {1.0005f, 100.05f}, 2), 1e-3, 1e-3));
    assertFalse(a.allClose(Tensor.of(new float[] {1.01f, 100f}, 2), 1e-3, 1e-3));
    assertFalse(a.allClose(Tensor.of(new float[] {1f, 100f}, 1, 2), 1, 1));
    assertTrue(a.allClose(Tensor.of(new double[] {1, 100}, 2), 0, 0));
    assertFalse(Tensor.scalar(Float.NaN).allClose(Tensor.scalar(Float.NaN), 1, 1));
  }

  @Test
  void equalityIsByContent() {
    assertEquals(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {1, 2}, 2));
    assertEquals(Tensor.of(new float[] {1, 2}, 2).hashCode(),
        Tensor.of(new float[] {1, 2}, 2).hashCode());
    assertNotEquals(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {1, 2}, 1, 2));
    assertNotEquals(Tensor.of(new float[] {1, 2}, 2),
        Tensor.of(ElementType.F16, new float[] {1, 2}, 2));
  }

  @Test
  void toStringSummarizes() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
    assertEquals("f32[2, 4] [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, ...] min=1.0 max=8.0 mean=4.5",
        t.toString());
    assertEquals("i32[] [7] min=7.0 max=7.0 mean=7.0", Tensor.scalarInt(7).toString());
    assertEquals("bool[0] []", Tensor.zeros(ElementType.BOOL, 0).toString());
  }
}

package dev.kiln.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorDataTest {
  @TempDir Path dir;

  private static ByteString littleEndianFloats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) b.putFloat(f);
    return ByteString.copyFrom(b.array());
  }

  @Test void rawDataIsLittleEndian() {
    TensorProto t = TensorProto.newBuilder().setName("w").setDataType(1).addDims(3)
        .setRawData(littleEndianFloats(1.5f, -2f, 1e-12f)).build();
    Const c = Const.fromProto(t, "w", dir);
    assertArrayEquals(new double[] {1.5, -2, 1e-12f}, c.reals());
    assertArrayEquals(new float[] {1.5f, -2f, 1e-12f}, (float[]) c.toTensor("w").data());
  }

  @Test void typedFieldsAndHalfFloats() {
    TensorProto ints = TensorProto.newBuilder().setDataType(7).addDims(2).addInt64Data(-1).addInt64Data(1L << 40).build();
    assertArrayEquals(new long[] {-1, 1L << 40}, Const.fromProto(ints, "i", dir).longs());
    short one = Float.floatToFloat16(1f);
    short half = Float.floatToFloat16(-0.5f);
    TensorProto f16 = TensorProto.newBuilder().setDataType(10).addDims(2).addInt32Data(one).addInt32Data(half).build();
    assertArrayEquals(new double[] {1, -0.5}, Const.fromProto(f16, "h", dir).reals());
    TensorProto bools = TensorProto.newBuilder().setDataType(9).addDims(2).setRawData(ByteString.copyFrom(new byte[] {0, 1}))
        .build();
    assertEquals(Dim.of(1), Const.fromProto(bools, "b", dir).dimAt(1));
  }

  @Test void externalDataIsReadFromBesideTheModel() throws IOException {
    byte[] file = new byte[8 + 12];
    System.arraycopy(littleEndianFloats(4f, 5f, 6f).toByteArray(), 0, file, 8, 12);
    Files.write(dir.resolve("weights.bin"), file);
    TensorProto t = TensorProto.newBuilder().setName("ext").setDataType(1).addDims(3)
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
        .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("8"))
        .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("12")).build();
    assertArrayEquals(new double[] {4, 5, 6}, Const.fromProto(t, "ext", dir).reals());
  }

  @Test void wrongSizesAndTypesAreImportErrors() {
    TensorProto shortData = TensorProto.newBuilder().setName("w").setDataType(1).addDims(4)
        .setRawData(littleEndianFloats(1f)).build();
    ImportException e = assertThrows(ImportException.class, () -> Const.fromProto(shortData, "w", dir).reals());
    assertTrue(e.getMessage().contains("has 4 bytes of data, expected 16"), e.getMessage());
    TensorProto strings = TensorProto.newBuilder().setName("s").setDataType(8).build();
    ImportException s = assertThrows(ImportException.class, () -> Const.fromProto(strings, "initializer `s`", dir));
    assertTrue(s.getMessage().contains("initializer `s` has ONNX element type string"), s.getMessage());
  }
}

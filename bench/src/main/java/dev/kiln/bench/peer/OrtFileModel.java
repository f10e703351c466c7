package dev.kiln.bench.peer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kiln.runtime.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ONNX Runtime session over a model file (a pretrained model, as its publisher ships it), set
 * up as {@link OrtModel} does (all graph optimizations, sequential execution, {@code threads}
 * intra-op threads), with f32 or i64 inputs taken from Kiln tensors and bound once over direct
 * buffers, so a run copies no input.
 */
public final class OrtFileModel implements AutoCloseable {
  private final OrtSession session;
  private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

  public OrtFileModel(Path model, int threads) {
    try {
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = OrtEnvironment.getEnvironment().createSession(model.toString(), options);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime rejected " + model + ": " + e.getMessage(), e);
    }
  }

  /** Binds every input by name (f32 or i64 tensors). */
  public OrtFileModel inputs(Map<String, Tensor> byName) {
    byName.forEach(this::input);
    return this;
  }

  private void input(String name, Tensor t) {
    long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
    try {
      OnnxTensor ort = switch (t.dtype()) {
        case F32 -> {
          float[] d = (float[]) t.data();
          FloatBuffer b = ByteBuffer.allocateDirect(d.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
          b.put(d).rewind();
          yield OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), b, shape);
        }
        case I64 -> {
          long[] d = (long[]) t.data();
          LongBuffer b = ByteBuffer.allocateDirect(d.length * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
          b.put(d).rewind();
          yield OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), b, shape);
        }
        default -> throw new IllegalArgumentException("input '" + name + "': no ONNX Runtime binding for " + t.typeString());
      };
      OnnxTensor old = inputs.put(name, ort);
      if (old != null) {
        old.close();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot create ONNX Runtime tensor '" + name + "': " + e.getMessage(), e);
    }
  }

  /** Runs the model once and frees its outputs; returns the number of outputs (for a Blackhole). */
  public int run() {
    try (OrtSession.Result r = session.run(inputs)) {
      return r.size();
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
    }
  }

  /** Runs the model once and returns a copy of its first output (f32), flattened. */
  public float[] output() {
    try (OrtSession.Result r = session.run(inputs)) {
      FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    inputs.values().forEach(OnnxTensor::close);
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}

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
 * One ONNX Runtime session over a model built in code ({@link OnnxGraph}) or read from a file (a
 * pretrained model as its publisher ships it), with its inputs bound once as tensors over direct
 * buffers (ONNX Runtime reads them in place: a run copies no input). The session uses all graph
 * optimizations, sequential execution, and {@code threads} intra-op threads; with one thread ONNX
 * Runtime computes on the calling thread.
 */
public final class OrtModel implements AutoCloseable {
  private final OrtSession session;
  private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

  public OrtModel(byte[] model, int threads) {
    this(options -> OrtEnvironment.getEnvironment().createSession(model, options), "the model", threads);
  }

  /** A session over the model file {@code model}. */
  public OrtModel(Path model, int threads) {
    this(options -> OrtEnvironment.getEnvironment().createSession(model.toString(), options), model.toString(), threads);
  }

  private interface SessionFactory {
    OrtSession create(OrtSession.SessionOptions options) throws OrtException;
  }

  private OrtModel(SessionFactory factory, String what, int threads) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = factory.create(options);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime rejected " + what + ": " + e.getMessage(), e);
    }
  }

  /** Binds input {@code name} to a copy of {@code data} with the given shape. */
  public OrtModel input(String name, float[] data, long... shape) {
    FloatBuffer buf = ByteBuffer.allocateDirect(data.length * Float.BYTES).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    buf.put(data).rewind();
    return bind(name, () -> OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), buf, shape));
  }

  /** Binds every input by name, from Kiln tensors (f32 or i64). */
  public OrtModel inputs(Map<String, Tensor> byName) {
    byName.forEach((name, t) -> {
      long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
      switch (t.dtype()) {
        case F32 -> input(name, (float[]) t.data(), shape);
        case I64 -> {
          long[] d = (long[]) t.data();
          LongBuffer b = ByteBuffer.allocateDirect(d.length * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
          b.put(d).rewind();
          bind(name, () -> OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), b, shape));
        }
        default -> throw new IllegalArgumentException("input '" + name + "': no ONNX Runtime binding for " + t.typeString());
      }
    });
    return this;
  }

  private interface TensorFactory {
    OnnxTensor create() throws OrtException;
  }

  private OrtModel bind(String name, TensorFactory tensor) {
    try {
      OnnxTensor old = inputs.put(name, tensor.create());
      if (old != null) {
        old.close();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot create ONNX Runtime tensor '" + name + "': " + e.getMessage(), e);
    }
    return this;
  }

  /** Runs the model once and frees its outputs; returns the number of outputs (for a Blackhole). */
  public int run() {
    try (OrtSession.Result r = session.run(inputs)) {
      return r.size();
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
    }
  }

  /** Runs the model once and returns a copy of its first output, flattened. */
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

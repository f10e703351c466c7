package dev.kiln.backend.jvm;

import static dev.kiln.backend.jvm.Ir.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.kiln.ir.DType;
import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import dev.kiln.runtime.Kernel;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated classes: naming, shape, re-definition from bytes, independence from the compiler, dumps. */
class ClassLoadingTest {
  /** Y[i] = erf(X[i]) % 0.75 over a parallel loop: needs copied helpers and the RangeTask path. */
  private static PrimFunc helpersAndParallel(String name) {
    Var n = Var.index("n"), i = Var.index("i");
    Buffer x = buf("X", DType.F32, n), y = buf("Y", DType.F32, n);
    return new PrimFunc(name, List.of(x), List.of(y), List.of(n), loop(ForKind.PARALLEL, i, c(0), n,
        store(y, bin(BinOp.MOD, new Call("erf", DType.F32, List.of(load(x, i))), f(0.75)), i)));
  }

  @Test void compileAllNamesAreSanitizedUniqueAndShareOneLoader() {
    List<CompiledKernel> ks = Differential.BACKEND.compileAll("my-model.v1",
        List.of(helpersAndParallel("relu/1"), helpersAndParallel("relu/1"), helpersAndParallel("9lives")));
    assertEquals(List.of("kiln.gen.my_model_v1_relu_1", "kiln.gen.my_model_v1_relu_1_2", "kiln.gen.my_model_v1__9lives"),
        ks.stream().map(CompiledKernel::className).toList());
    Class<?> c0 = ks.get(0).kernel().getClass();
    assertSame(c0.getClassLoader(), ks.get(2).kernel().getClass().getClassLoader());
    assertSame(Kernel.class.getClassLoader(), c0.getClassLoader().getParent());
    for (CompiledKernel k : ks) {
      Class<?> c = k.kernel().getClass();
      assertEquals(k.className(), c.getName());
      assertTrue(Modifier.isPublic(c.getModifiers()));
      assertDoesNotThrow(() -> c.getConstructor().newInstance());
    }
  }

  @Test void compileGivesDistinctNamesForTheSameFunction() {
    PrimFunc f = helpersAndParallel("same");
    assertNotEquals(Differential.BACKEND.compile(f).className(), Differential.BACKEND.compile(f).className());
  }

  @Test void classBytesRedefineInAFreshLoader() throws Exception {
    PrimFunc f = helpersAndParallel("reload");
    CompiledKernel ck = Differential.BACKEND.compile(f);
    Kernel again = new KernelClassLoader().instantiate(ck.className(), ck.classBytes());
    assertNotSame(ck.kernel().getClass(), again.getClass());
    Differential.check(f, again, new int[] {50}, 3, true, false);
  }

  @Test void generatedClassNeedsOnlyTheRuntimeAndTheJdk() throws Exception {
    PrimFunc f = helpersAndParallel("standalone");
    CompiledKernel ck = Differential.BACKEND.compile(f);
    String text = new String(ck.classBytes(), StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("dev/kiln/ir"), "generated class refers to compiler classes");
    URL runtime = Kernel.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader runtimeOnly = new URLClassLoader(new URL[] {runtime}, ClassLoader.getPlatformClassLoader())) {
      Class<?> cls = new KernelClassLoader(runtimeOnly).define(ck.className(), ck.classBytes());
      Object k = cls.getConstructor().newInstance();
      float[] x = {-2f, -0.3f, 0f, 0.4f, 1.7f, Float.NaN};
      float[] got = new float[x.length];
      cls.getMethod("invoke", Object[].class, int[].class).invoke(k, new Object[] {x, got}, new int[] {x.length});
      float[] want = (float[]) Interpreter.runAllocating(f, new Object[] {x}, new int[] {x.length})[0];
      assertArrayEquals(want, got);
    }
  }

  @Test void dumpPropertyWritesSourceAndClassFiles(@TempDir Path dir) throws Exception {
    String old = System.getProperty(JvmBackend.DUMP_PROPERTY);
    System.setProperty(JvmBackend.DUMP_PROPERTY, dir.toString());
    try {
      CompiledKernel ck = Differential.BACKEND.compile(helpersAndParallel("dumped"));
      String simple = ck.className().substring(ck.className().lastIndexOf('.') + 1);
      String src = Files.readString(dir.resolve(simple + ".java"));
      assertTrue(src.contains("public void invoke(Object[] arrays, int[] sizes)"), src);
      assertTrue(src.contains("erfF"), src);
      assertArrayEquals(ck.classBytes(), Files.readAllBytes(dir.resolve(simple + ".class")));
    } finally {
      if (old == null) System.clearProperty(JvmBackend.DUMP_PROPERTY);
      else System.setProperty(JvmBackend.DUMP_PROPERTY, old);
    }
  }

  @Test void javaSpellingsAvoidDoubleRoundingAndOverflow() {
    for (float v : new float[] {0.1f, 1f / 3, Float.MIN_VALUE, Float.MAX_VALUE, -2.5e-38f, 3.4e38f, 1.17549435E-38f})
      assertTrue(JavaSyntax.floatLiteral(v).startsWith("((float) "), JavaSyntax.floatLiteral(v));
    assertEquals("Float.intBitsToFloat((-2147483647 - 1))", JavaSyntax.floatLiteral(-0f));
    assertEquals("(-2147483647 - 1)", JavaSyntax.intLiteral(Integer.MIN_VALUE));
    assertEquals("x_1_2", JavaSyntax.sanitize("x.1-2"));
    assertEquals("_9a", JavaSyntax.sanitize("9a"));
  }
}

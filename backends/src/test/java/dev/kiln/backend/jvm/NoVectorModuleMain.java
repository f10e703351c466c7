package dev.kiln.backend.jvm;

import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;

/**
 * Run by {@link VectorizeFallbackTest} in a JVM without {@code jdk.incubator.vector}: compiles two
 * kernels with vectorized loops under the default options, checks them against the interpreter,
 * and prints whether any generated source referenced the Vector API.
 */
public final class NoVectorModuleMain {
  private NoVectorModuleMain() {}

  public static void main(String[] args) {
    PrimFunc f = StmtNodesTest.matmul(ForKind.SERIAL, ForKind.VECTORIZED);
    boolean refs = JvmBackend.generate(f, "kiln.gen.NoVec").toSource().contains("jdk.incubator.vector");
    Differential.check(f, new int[] {5, 17, 9});
    Differential.check(StmtNodesTest.matmul(ForKind.PARALLEL, ForKind.VECTORIZED), new int[] {4, 3, 2});
    System.out.println("module=" + VectorSupport.modulePresent() + " vector-refs=" + refs + " ok");
  }
}

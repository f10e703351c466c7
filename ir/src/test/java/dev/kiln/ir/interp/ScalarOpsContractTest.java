package dev.kiln.ir.interp;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JVM backend copies ScalarOps methods' bytecode by name into generated classes; that only
 * works while the class keeps its rules: static methods, unique names, no fields, and calls to
 * its own methods declared through {@link ScalarOps#dependencies}.
 */
class ScalarOpsContractTest {
  @Test void methodsAreStaticUniquelyNamedAndFieldFree() {
    assertEquals(0, ScalarOps.class.getDeclaredFields().length);
    Set<String> names = new HashSet<>();
    for (Method m : ScalarOps.class.getDeclaredMethods()) {
      if (m.isSynthetic()) continue;
      assertTrue(Modifier.isStatic(m.getModifiers()), m.getName());
      assertTrue(Modifier.isPublic(m.getModifiers()), m.getName());
      assertTrue(names.add(m.getName()), "overloaded: " + m.getName());
    }
    assertTrue(names.containsAll(Set.of("erfF", "erfD", "fmodF", "fmodD", "powF", "powD")));
  }

  @Test void erfFloatDependsOnErfDouble() {
    assertEquals(java.util.List.of("erfD"), ScalarOps.dependencies("erfF"));
    assertEquals(ScalarOps.erfF(0.7f), (float) ScalarOps.erfD(0.7f));
  }
}

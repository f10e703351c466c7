package dev.kiln.backend.jvm;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.runtime.Kernel;
import javassist.CannotCompileException;
import javassist.ClassClassPath;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtField;
import javassist.CtMethod;
import javassist.CtNewConstructor;
import javassist.CtNewMethod;
import javassist.Modifier;
import javassist.NotFoundException;

/**
 * {@link ClassEmitter} on Javassist. A shared parent {@link ClassPool} caches JDK and runtime
 * classes; each emission uses a child pool (so generated classes never accumulate) and runs under
 * the parent's lock, since Javassist pools are not thread-safe. Steps: make the public class,
 * add interfaces, fields and the public no-arg constructor, copy the helper methods' bytecode
 * (Javassist redirects their self-references to the new class), then compile each source method
 * in order.
 */
public final class JavassistClassEmitter implements ClassEmitter {
  private static final ClassPool SHARED = sharedPool();

  private static ClassPool sharedPool() {
    ClassPool pool = new ClassPool(true);
    pool.appendClassPath(new ClassClassPath(Kernel.class));
    return pool;
  }

  @Override public byte[] emit(ClassSpec spec) {
    synchronized (SHARED) {
      ClassPool pool = new ClassPool(SHARED);
      CtClass cc = pool.makeClass(spec.name());
      String current = "class header";
      try {
        cc.setModifiers(Modifier.PUBLIC);
        for (String i : spec.interfaces()) cc.addInterface(pool.get(i));
        for (ClassSpec.Field f : spec.fields())
          cc.addField(CtField.make("private " + f.type() + " " + f.name() + ";", cc));
        cc.addConstructor(CtNewConstructor.defaultConstructor(cc));
        for (ClassSpec.CopiedMethod c : spec.copied()) {
          current = "copy of " + c.from().getName() + "." + c.name();
          pool.appendClassPath(new ClassClassPath(c.from()));
          CtMethod src = pool.get(c.from().getName()).getDeclaredMethod(c.name());
          CtMethod copy = CtNewMethod.copy(src, cc, null);
          copy.setModifiers(Modifier.PRIVATE | Modifier.STATIC);
          cc.addMethod(copy);
        }
        for (String m : spec.methods()) {
          current = m;
          cc.addMethod(CtNewMethod.make(m, cc));
        }
        return cc.toBytecode();
      } catch (CannotCompileException | NotFoundException | java.io.IOException e) {
        throw new InternalCompilerError("cannot emit " + spec.name() + ": " + e.getMessage()
            + "\nwhile compiling:\n" + current, e);
      } finally {
        cc.detach();
      }
    }
  }
}

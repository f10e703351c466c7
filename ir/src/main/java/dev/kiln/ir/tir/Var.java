package dev.kiln.ir.tir;

import dev.kiln.ir.DType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A variable: a loop variable, a block iteration variable, a let-bound value or a symbolic size.
 * Variables are identity objects: two Vars with the same name are different variables.
 */
public final class Var implements Expr {
  private static final AtomicLong IDS = new AtomicLong();

  private final String name;
  private final DType dtype;
  private final long id = IDS.incrementAndGet();

  public Var(String name, DType dtype) {
    this.name = name;
    this.dtype = dtype;
  }

  /** An i32 index variable. */
  public static Var index(String name) { return new Var(name, DType.I32); }

  public String name() { return name; }
  @Override public DType dtype() { return dtype; }
  public long id() { return id; }

  /** A fresh variable with the same name hint and dtype. */
  public Var copy() { return new Var(name, dtype); }

  @Override public String toString() { return name + "#" + id; }
}

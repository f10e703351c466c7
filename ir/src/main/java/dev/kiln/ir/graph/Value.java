package dev.kiln.ir.graph;

import java.util.concurrent.atomic.AtomicLong;

/** An SSA value of the graph IR: a tensor with a type. Identity object, like a loop-nest Var. */
public final class Value {
  private static final AtomicLong IDS = new AtomicLong();

  private final String name;
  private final TensorType type;
  private final long id = IDS.incrementAndGet();

  public Value(String name, TensorType type) {
    this.name = name;
    this.type = type;
  }

  public String name() { return name; }
  public TensorType type() { return type; }
  public long id() { return id; }

  @Override public String toString() { return "%" + name + "#" + id; }
}

package dev.kiln.ir.tir;

import java.util.List;

/** Statements run in order. */
public record Seq(List<Stmt> stmts) implements Stmt {
  public Seq { stmts = List.copyOf(stmts); }

  /** One statement stays itself; several become a Seq (nested Seqs are flattened). */
  public static Stmt of(List<Stmt> stmts) {
    java.util.ArrayList<Stmt> flat = new java.util.ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Seq q) flat.addAll(q.stmts());
      else flat.add(s);
    }
    return flat.size() == 1 ? flat.get(0) : new Seq(flat);
  }
}

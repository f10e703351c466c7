package dev.kiln.ir.tir;

/** Whether a block iteration variable is a spatial (data-parallel) axis or a reduction axis. */
public enum IterKind {
  SPATIAL("S"), REDUCE("R");

  private final String text;
  IterKind(String text) { this.text = text; }
  public String text() { return text; }
}

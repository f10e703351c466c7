package dev.kiln.ir.tir;

import java.util.List;

/** A rectangular region of a buffer, one range per dimension. */
public record BufferRegion(Buffer buffer, List<Range> region) {
  public BufferRegion { region = List.copyOf(region); }
}

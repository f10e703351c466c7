package dev.kiln.runtime.plan;

/** One declared dimension of a model input: a fixed extent or a named symbol ({@code B}). */
public sealed interface Dim {
  /** A dimension that must equal {@code value}. */
  record Fixed(int value) implements Dim {
    @Override
    public String toString() {
      return Integer.toString(value);
    }
  }

  /** A symbolic dimension; every occurrence of one name must have the same extent. */
  record Symbol(String name) implements Dim {
    @Override
    public String toString() {
      return name;
    }
  }
}

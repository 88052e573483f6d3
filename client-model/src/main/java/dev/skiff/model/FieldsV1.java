package dev.skiff.model;

import java.util.Objects;

/**
 * The set of fields a field manager owns, in the API's trie-shaped JSON form ({@code {"f:metadata":{...}}}).
 *
 * <p>Skiff keeps it as compact JSON text rather than a tree of maps: managed fields are rarely read by
 * programs, are the largest part of most objects, and repeat across objects of the same shape, so text
 * that the codec can share between objects costs a fraction of the memory.
 */
public final class FieldsV1 {
  private final String json;

  private FieldsV1(String json) {
    this.json = json;
  }

  /**
   * Wraps JSON text of a fields set.
   *
   * @param json compact JSON of an object, e.g. {@code {"f:metadata":{"f:labels":{}}}}
   * @return the fields set
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  public static FieldsV1 of(String json) {
    Objects.requireNonNull(json, "json");
    String t = json.strip();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      throw new IllegalArgumentException("a FieldsV1 value must be a JSON object, got: " + abbreviate(t));
    }
    return new FieldsV1(t);
  }

  /**
   * The JSON text of the set.
   *
   * @return compact JSON of an object
   */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldsV1 f && f.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Returns the JSON text. */
  @Override
  public String toString() {
    return json;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}

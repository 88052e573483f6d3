package dev.skiff.gen;

/** A Java source file being written line by line. */
final class JavaSource {
  private final StringBuilder text = new StringBuilder();

  JavaSource line(String line) {
    text.append(line).append('\n');
    return this;
  }

  JavaSource blank() {
    text.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}

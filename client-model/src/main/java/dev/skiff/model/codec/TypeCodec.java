package dev.skiff.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** The generated reader and writer of one model class. */
record TypeCodec<T>(Class<T> type, Reader<T> reader, Writer<T> writer) {

  /** Reads a value; the parser is on its first token. */
  interface Reader<T> {
    T read(JsonParser p, ReadContext ctx) throws IOException;
  }

  /** Writes a value; at the top level a missing apiVersion and kind are filled in. */
  interface Writer<T> {
    void write(JsonGenerator g, T value, boolean topLevel) throws IOException;
  }

  T read(JsonParser p, ReadContext ctx) throws IOException {
    return reader.read(p, ctx);
  }

  void write(JsonGenerator g, Object value, boolean topLevel) throws IOException {
    writer.write(g, type.cast(value), topLevel);
  }
}

package dev.skiff.model.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.skiff.model.ApiObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes model objects as JSON and YAML, the way the Kubernetes API does: absent optional fields
 * and empty lists and maps are omitted, times are RFC 3339, quantities keep their text, and fields Skiff
 * does not model are kept and written back.
 *
 * <p>Every model type has a generated streaming reader and writer: no reflection, no intermediate tree.
 * Within one read, equal short strings (label keys and values, images, reasons), quantities and managed
 * field sets are shared, which keeps large lists small in memory. Instances are immutable and thread-safe;
 * {@link #standard()} suits nearly everyone.
 *
 * <pre>{@code
 * ModelCodec codec = ModelCodec.standard();
 * Pod pod = codec.readJson(json, Pod.class);
 * ApiObject any = codec.readJson(json);            // dispatched by apiVersion and kind
 * String yaml = codec.writeYaml(pod);
 * }</pre>
 */
public final class ModelCodec {
  private static final ModelCodec STANDARD = builder().build();

  private final JsonFactory json;
  private final YAMLFactory yaml;
  private final boolean shareStrings;

  private ModelCodec(Builder b) {
    this.shareStrings = b.shareStrings;
    this.json = new RawSkippingJsonFactory();
    this.yaml = YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .stringQuotingChecker(new YamlQuoting())
        .build();
  }

  /**
   * The shared codec with the default settings.
   *
   * @return the standard codec
   */
  public static ModelCodec standard() {
    return STANDARD;
  }

  /**
   * Starts configuring a codec.
   *
   * @return a builder with the default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---- JSON reading

  /**
   * Decodes JSON into a model type, or into plain Java ({@code Map}, {@code List}, ...) for {@code Object.class}
   * and {@code Map.class}.
   *
   * @param jsonText UTF-8 JSON
   * @param type a generated model class such as {@code Pod.class}
   * @param <T> the type
   * @return the decoded value
   * @throws DecodeException when the JSON is malformed or does not fit the type
   */
  public <T> T readJson(byte[] jsonText, Class<T> type) {
    try {
      return readJson(jsonText, type, false);
    } catch (DecodeInPlaceFailed e) {
      // An embedded object did not decode in place: decode again the way Skiff always has, so that the error
      // (or, for odd input, the result) is exactly what it always was.
      return readJson(jsonText, type, true);
    }
  }

  /**
   * Decodes JSON bytes like {@link #readJson(byte[], Class)}, sharing strings with every other decode given the
   * same table: for a stream of objects, such as the events of one watch, whose repeated strings (namespaces,
   * labels, images, node names, reasons) are then one instance each across all the decoded objects, not only
   * within each. A string the table holds already costs no allocation, so the decode is faster too. The table
   * is used even when this codec was built with {@link Builder#shareStrings(boolean) shareStrings(false)}.
   *
   * @param jsonText UTF-8 JSON
   * @param type a generated model class such as {@code Pod.class}
   * @param strings the table; used by one thread at a time
   * @param <T> the type
   * @return the decoded value
   * @throws DecodeException when the JSON is malformed or does not fit the type
   */
  public <T> T readJson(byte[] jsonText, Class<T> type, StringTable strings) {
    StringPool pool = Objects.requireNonNull(strings, "strings").pool;
    try {
      return readJson(jsonText, type, false, pool);
    } catch (DecodeInPlaceFailed e) {
      return readJson(jsonText, type, true, pool); // as in readJson(byte[], Class)
    }
  }

  /** {@link #readJson(byte[], Class)}, choosing how embedded objects are read (true: always the general path). */
  <T> T readJson(byte[] jsonText, Class<T> type, boolean captureEmbedded) {
    return readJson(jsonText, type, captureEmbedded, shareStrings ? new StringPool() : null);
  }

  private <T> T readJson(byte[] jsonText, Class<T> type, boolean captureEmbedded, StringPool strings) {
    try (JsonParser p = json.createParser(jsonText)) {
      return read(p, type, new ReadContext(this, strings, jsonText, captureEmbedded, false));
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /**
   * Strings shared across the decodes that are given this table (see {@link #readJson(byte[], Class,
   * StringTable)}), for example by a watch that keeps one per stream: the objects it decodes then share their
   * repeated strings, and a decode finds most of its strings already made.
   *
   * <p>Holds at most 4,096 strings of up to 128 characters; when full it forgets them all
   * and starts again, so it stays small however long the stream runs. Strings are shared by value only,
   * which is safe as they are immutable. Not thread-safe: one table per stream, used by one thread at a time
   * (successive threads are fine when the hand-over is safely published, as in an RxJava stream).
   */
  public static final class StringTable {
    final StringPool pool = new StringPool(TABLE_ENTRIES, true);

    /** An empty table. */
    public StringTable() {}
  }

  /** The most strings a {@link StringTable} holds before it starts again. */
  static final int TABLE_ENTRIES = 4096;

  /**
   * Decodes JSON text into a model type.
   *
   * @param jsonText JSON
   * @param type a generated model class such as {@code Pod.class}
   * @param <T> the type
   * @return the decoded value
   * @throws DecodeException when the JSON is malformed or does not fit the type
   */
  public <T> T readJson(String jsonText, Class<T> type) {
    try (JsonParser p = json.createParser(jsonText)) {
      return read(p, type, new ReadContext(this, shareStrings));
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /**
   * Decodes a JSON stream into a model type. The stream is read to its end but not closed. (The bytes are
   * read first and decoded as one array, which lets the decoder share managed-field sets without copying.)
   *
   * @param in UTF-8 JSON
   * @param type a generated model class such as {@code Pod.class}
   * @param <T> the type
   * @return the decoded value
   * @throws DecodeException when the JSON is malformed or does not fit the type
   * @throws UncheckedIOException when reading the stream fails
   */
  public <T> T readJson(InputStream in, Class<T> type) {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return readJson(bytes, type);
  }

  /**
   * Decodes JSON into the model type its {@code apiVersion} and {@code kind} name.
   *
   * @param jsonText UTF-8 JSON of one object
   * @return the decoded object, e.g. a {@code Pod} or a {@code Status}
   * @throws UnknownKindException when Skiff does not model the kind, or the object names none
   * @throws DecodeException when the JSON is malformed or does not fit the type
   */
  public ApiObject readJson(byte[] jsonText) {
    Class<?> type = kindOf(jsonText);
    return (ApiObject) readJson(jsonText, type);
  }

  /**
   * Decodes JSON text into the model type its {@code apiVersion} and {@code kind} name.
   *
   * @param jsonText JSON of one object
   * @return the decoded object
   * @throws UnknownKindException when Skiff does not model the kind, or the object names none
   * @throws DecodeException when the JSON is malformed or does not fit the type
   */
  public ApiObject readJson(String jsonText) {
    return readJson(jsonText.getBytes(StandardCharsets.UTF_8));
  }

  // ---- JSON writing

  /**
   * Encodes a model object (or plain maps, lists and scalars) as compact JSON.
   *
   * @param value the value; a top-level kind without apiVersion or kind gets them filled in
   * @return UTF-8 JSON
   */
  public byte[] writeJsonBytes(Object value) {
    ByteArrayBuilder out = new ByteArrayBuilder(json._getBufferRecycler(), 4096);
    try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = out.toByteArray();
    out.release();
    return bytes;
  }

  /**
   * Encodes a model object as compact JSON text.
   *
   * @param value the value
   * @return JSON
   */
  public String writeJson(Object value) {
    return new String(writeJsonBytes(value), StandardCharsets.UTF_8);
  }

  /**
   * Encodes a model object as JSON onto a stream, which is flushed but not closed.
   *
   * @param value the value
   * @param out where the UTF-8 JSON goes
   * @throws UncheckedIOException when writing fails
   */
  public void writeJson(Object value, OutputStream out) {
    try (JsonGenerator g = json.createGenerator(new NonClosingOutputStream(out), JsonEncoding.UTF8)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- YAML

  /**
   * Encodes a model object as a YAML document, in the style kubectl prints.
   *
   * @param value the value
   * @return YAML text
   */
  public String writeYaml(Object value) {
    return writeYamlAll(List.of(value));
  }

  /**
   * Encodes several objects as a multi-document YAML stream, documents separated by {@code ---}.
   *
   * @param values the values
   * @return YAML text
   */
  public String writeYamlAll(List<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      if (sb.length() > 0) {
        sb.append("---\n");
      }
      StringWriter w = new StringWriter();
      try (JsonGenerator g = yaml.createGenerator(w)) {
        write(g, v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sb.append(w);
    }
    return sb.toString();
  }

  /**
   * Decodes the first document of a YAML text into a model type.
   *
   * @param yamlText YAML
   * @param type a generated model class
   * @param <T> the type
   * @return the decoded value
   * @throws DecodeException when the YAML is malformed, holds no document, or does not fit the type; its
   *     line and column are the YAML text's
   */
  public <T> T readYaml(String yamlText, Class<T> type) {
    try (JsonParser p = yaml.createParser(yamlText)) {
      ReadContext ctx = new ReadContext(this, shareStrings);
      while (p.nextToken() != null) {
        if (!isEmptyDocument(p)) {
          return type.cast(readValue(p, type, ctx));
        }
      }
      throw new DecodeException("the YAML text holds no document", "", -1, -1, null);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /**
   * Decodes every document of a (multi-document) YAML text, each into the model type its apiVersion and kind
   * name. Empty documents are skipped.
   *
   * @param yamlText YAML, documents separated by {@code ---}
   * @return the objects in document order
   * @throws UnknownKindException when a document names a kind Skiff does not model, or none
   * @throws DecodeException when the YAML is malformed or a document does not fit its type; its line and
   *     column are the YAML text's
   */
  public List<ApiObject> readYamlAll(String yamlText) {
    List<ApiObject> out = new ArrayList<>();
    // Two parsers walk the documents in step: the first finds each document's kind, the second decodes the
    // document with that kind's codec, so errors point into the YAML text itself.
    try (JsonParser scout = yaml.createParser(yamlText); JsonParser p = yaml.createParser(yamlText)) {
      ReadContext ctx = new ReadContext(this, shareStrings);
      while (scout.nextToken() != null) {
        p.nextToken();
        if (isEmptyDocument(scout)) {
          continue;
        }
        if (scout.currentToken() != JsonToken.START_OBJECT) {
          throw JsonReading.mismatch(scout, "a YAML mapping (an object) as the document");
        }
        Class<?> type = kindOf(scout);
        out.add((ApiObject) readValue(p, type, ctx));
      }
    } catch (IOException e) {
      throw malformed(e);
    }
    return out;
  }

  /** A document that is empty or only comments: YAML reports it as null or an empty string. */
  private static boolean isEmptyDocument(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return t == JsonToken.VALUE_NULL || t == JsonToken.VALUE_STRING && p.getTextLength() == 0;
  }

  // ---- internals

  /** Reads a whole document: one value and nothing after it. */
  private <T> T read(JsonParser p, Class<T> type, ReadContext ctx) throws IOException {
    Objects.requireNonNull(type, "type");
    if (p.nextToken() == null) {
      throw emptyInput();
    }
    T value = readValue(p, type, ctx);
    if (p.nextToken() != null) {
      throw JsonReading.decodeError(p, "unexpected content after the JSON value", null);
    }
    return value;
  }

  /** Reads the value the parser is on. */
  private <T> T readValue(JsonParser p, Class<T> type, ReadContext ctx) throws IOException {
    if (type == Object.class || type == Map.class) {
      return type.cast(JsonReading.any(p, ctx));
    }
    TypeCodec<T> codec = Codecs.forClass(type);
    if (codec == null) {
      throw new IllegalArgumentException(type.getName() + " is not a Skiff model type");
    }
    return codec.read(p, ctx);
  }

  private static DecodeException emptyInput() {
    return new DecodeException("empty input: expected a JSON value", "", -1, -1, null);
  }

  private void write(JsonGenerator g, Object value) throws IOException {
    JsonWriting.any(g, Objects.requireNonNull(value, "value"));
  }

  /** A JSON parser over part of a byte array. */
  JsonParser jsonParser(byte[] bytes, int offset, int length) throws IOException {
    return json.createParser(bytes, offset, length);
  }

  /**
   * Decodes an object embedded in another (a watch event's), dispatched by its own apiVersion and kind: the
   * general path, from a compact copy of the object's text. Errors point into that copy. Objects embedded in
   * this one take the general path too, as they always did.
   */
  Object readEmbedded(String jsonText, ReadContext outer) throws IOException {
    byte[] bytes = jsonText.getBytes(StandardCharsets.UTF_8);
    Class<?> type;
    try {
      type = kindOf(bytes);
    } catch (UnknownKindException e) {
      type = Map.class;
    }
    try (JsonParser p = json.createParser(bytes)) {
      return read(p, type, new ReadContext(this, outer.strings != null, bytes, true, false));
    }
  }

  /**
   * Decodes an embedded object with the outer parser, which is on its START_OBJECT, given the apiVersion and kind
   * {@link KindScan} found at its start: one pass instead of copying the object out as text, finding its kind
   * in the copy and parsing the copy. The result equals the general path's ({@link #readEmbedded(String,
   * ReadContext)}): the same class by the same rule (unknown kinds as maps), managed-field sets in the copy's
   * form ({@link ReadContext#canonicalFieldSets}). Whatever goes wrong, including a later {@code apiVersion} or
   * {@code kind} key the scan did not look at, throws {@link DecodeInPlaceFailed}, and the whole document is
   * decoded again the general way, which reports the error as it always has.
   */
  Object readEmbeddedInPlace(JsonParser p, String apiVersion, String kind, ReadContext outer) {
    Class<?> known = Codecs.forKind(apiVersion, kind);
    Class<?> type = known == null ? Map.class : known;
    Object value;
    try {
      ReadContext ctx = new ReadContext(this, outer.strings, outer.source, false, true);
      value = readValue(p, type, ctx);
    } catch (IOException | RuntimeException e) {
      throw DecodeInPlaceFailed.INSTANCE;
    }
    // The scan stopped once it knew both; the general path goes by the last occurrence of each.
    // (A repeated key whose value is null is the one case this misses: a typed codec skips nulls, while the
    // general path rejects a null kind. No server writes a key twice.)
    boolean same = value instanceof ApiObject o ? apiVersion.equals(o.apiVersion()) && kind.equals(o.kind())
        : value instanceof Map<?, ?> m && sameKey(m, "apiVersion", apiVersion) && sameKey(m, "kind", kind);
    if (!same) {
      throw DecodeInPlaceFailed.INSTANCE;
    }
    return value;
  }

  /** Whether a map decoded in place has the value the scan found for a key ("" when the scan found no key). */
  private static boolean sameKey(Map<?, ?> m, String key, String scanned) {
    return m.containsKey(key) ? scanned.equals(m.get(key)) : scanned.isEmpty();
  }

  /** Thrown by {@link #readEmbeddedInPlace} to have the document decoded again; never leaves the codec. */
  private static final class DecodeInPlaceFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final DecodeInPlaceFailed INSTANCE = new DecodeInPlaceFailed();

    private DecodeInPlaceFailed() {
      super("an embedded object did not decode in place", null, false, false);
    }
  }

  /** Finds the model class a JSON object's top-level apiVersion and kind name. */
  private Class<?> kindOf(byte[] jsonText) {
    try (JsonParser p = json.createParser(jsonText)) {
      if (p.nextToken() == null) {
        throw emptyInput();
      }
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw JsonReading.mismatch(p, "a JSON object");
      }
      return kindOf(p);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Reads the object the parser is on to its end, and returns the model class its apiVersion and kind name. */
  private static Class<?> kindOf(JsonParser p) throws IOException {
    String apiVersion = "";
    String kind = "";
    for (String name; (name = p.nextFieldName()) != null; ) {
      JsonToken t = p.nextToken();
      if (name.equals("apiVersion") || name.equals("kind")) {
        if (t != JsonToken.VALUE_STRING) {
          throw JsonReading.mismatch(p, "a string for '" + name + "'");
        }
        if (name.equals("kind")) {
          kind = p.getText();
        } else {
          apiVersion = p.getText();
        }
      } else {
        p.skipChildren();
      }
    }
    Class<?> type = Codecs.forKind(apiVersion, kind);
    if (type == null) {
      throw new UnknownKindException(apiVersion, kind);
    }
    return type;
  }

  private static DecodeException malformed(IOException e) {
    if (e instanceof StreamReadException j && j.getLocation() != null) {
      String path = j.getProcessor() == null ? "" : j.getProcessor().getParsingContext().pathAsPointer().toString();
      return new DecodeException("malformed input: " + j.getOriginalMessage(), path,
          j.getLocation().getLineNr(), j.getLocation().getColumnNr(), e);
    }
    return new DecodeException("malformed input: " + e.getMessage(), "", -1, -1, e);
  }

  /** Configures a {@link ModelCodec}. */
  public static final class Builder {
    private boolean shareStrings = true;

    private Builder() {}

    /**
     * Whether equal short strings decoded in one read share one instance (default true). Sharing saves much
     * of a large list's memory for a little decoding time.
     *
     * @param share true to share
     * @return this builder
     */
    public Builder shareStrings(boolean share) {
      this.shareStrings = share;
      return this;
    }

    /**
     * Creates the codec.
     *
     * @return an immutable, thread-safe codec
     */
    public ModelCodec build() {
      return new ModelCodec(this);
    }
  }

  /** Keeps Jackson from closing a caller's stream. */
  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

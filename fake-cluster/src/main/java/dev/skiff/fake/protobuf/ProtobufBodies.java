package dev.skiff.fake.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.gen.Schema;
import dev.skiff.gen.Schema.TypeDef;
import java.util.Optional;

/**
 * Reads request bodies sent as {@code application/vnd.kubernetes.protobuf}, as kubectl does for
 * {@code create namespace}, {@code create configmap|secret|deployment|service}, into the JSON tree
 * the same object sent as JSON would give.
 *
 * <p>Such a body is the four bytes {@code k8s\0} followed by a {@code runtime.Unknown} message:
 * {@code typeMeta} (1) holding {@code apiVersion} (1) and {@code kind} (2), the object itself as
 * protobuf in {@code raw} (2), {@code contentEncoding} (3) and {@code contentType} (4). The object
 * is decoded by the field numbers the schema records for its type.
 */
public final class ProtobufBodies {
  /** The content type of Kubernetes protobuf bodies. */
  public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBodies() {}

  /**
   * Whether a request's {@code Content-Type} announces a Kubernetes protobuf body; media type
   * parameters are ignored and the comparison is case-insensitive, as for any media type.
   *
   * @param contentType the header's value, or null when the request has none
   * @return true for {@code application/vnd.kubernetes.protobuf}
   */
  public static boolean isProtobuf(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return mediaType.strip().equalsIgnoreCase(CONTENT_TYPE);
  }

  /**
   * Decodes a protobuf request body into the object's JSON tree, {@code kind} and
   * {@code apiVersion} first, as Go writes them.
   *
   * @param body the request body, starting with {@code k8s\0}
   * @param schema the API schema that knows the object's type and its field numbers
   * @return the object as the JSON decoder would have read it
   * @throws ProtobufDecodeException when the body is not a Kubernetes protobuf message, is cut short
   *     or malformed, or holds a kind the schema does not know; the message suits a 400 answer
   */
  public static ObjectNode decode(byte[] body, Schema schema) throws ProtobufDecodeException {
    if (body == null || body.length < MAGIC.length || body[0] != MAGIC[0] || body[1] != MAGIC[1]
        || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
      throw new ProtobufDecodeException(
          "body is not a Kubernetes protobuf message: it does not start with the \"k8s\\x00\" prefix");
    }
    Envelope envelope = Envelope.read(new WireReader(body, MAGIC.length, body.length));
    if (!envelope.contentEncoding().isEmpty()) {
      throw new ProtobufDecodeException(
          "protobuf body has content encoding \"" + envelope.contentEncoding() + "\", which is not supported");
    }
    if (!envelope.contentType().isEmpty() && !envelope.contentType().equals(CONTENT_TYPE)) {
      throw new ProtobufDecodeException(
          "protobuf body wraps content of type \"" + envelope.contentType() + "\", expected protobuf");
    }
    if (envelope.kind().isEmpty()) {
      throw new ProtobufDecodeException("Object 'Kind' is missing in the protobuf body's type information");
    }
    TypeDef type = typeOf(schema, envelope.apiVersion(), envelope.kind())
        .orElseThrow(() -> new ProtobufDecodeException("no kind \"" + envelope.kind()
            + "\" is registered for version \"" + envelope.apiVersion() + "\""));
    ObjectNode fields = new MessageDecoder(schema).decode(envelope.raw(), type, 0);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("kind", envelope.kind());
    out.put("apiVersion", envelope.apiVersion());
    out.setAll(fields);
    return out;
  }

  /** The schema type that travels as that kind at that group version, if there is one. */
  private static Optional<TypeDef> typeOf(Schema schema, String apiVersion, String kind) {
    TypeDef t = schema.types().get(kind);
    if (t != null && t.apiKind() && t.apiVersion().equals(apiVersion)) {
      return Optional.of(t);
    }
    return Optional.empty();
  }

  /** The fields of runtime.Unknown that matter here. */
  private record Envelope(String apiVersion, String kind, WireReader raw, String contentEncoding,
      String contentType) {

    static Envelope read(WireReader r) throws ProtobufDecodeException {
      String apiVersion = "";
      String kind = "";
      WireReader raw = new WireReader(new byte[0], 0, 0);
      String contentEncoding = "";
      String contentType = "";
      while (!r.atEnd()) {
        long key = r.readKey();
        int wireType = (int) (key & 7);
        int number = (int) (key >>> 3);
        if (number >= 1 && number <= 4 && wireType != WireReader.LENGTH_DELIMITED) {
          throw new ProtobufDecodeException("protobuf envelope field " + number + " has wire type " + wireType);
        }
        switch (number) {
          case 1 -> {
            WireReader typeMeta = r.readLengthDelimited();
            while (!typeMeta.atEnd()) {
              long k = typeMeta.readKey();
              int w = (int) (k & 7);
              int n = (int) (k >>> 3);
              if ((n == 1 || n == 2) && w != WireReader.LENGTH_DELIMITED) {
                throw new ProtobufDecodeException("protobuf type information field " + n + " has wire type " + w);
              }
              switch (n) {
                case 1 -> apiVersion = typeMeta.readString();
                case 2 -> kind = typeMeta.readString();
                default -> typeMeta.skip(w);
              }
            }
          }
          case 2 -> raw = r.readLengthDelimited();
          case 3 -> contentEncoding = r.readString();
          case 4 -> contentType = r.readString();
          default -> r.skip(wireType);
        }
      }
      return new Envelope(apiVersion, kind, raw, contentEncoding, contentType);
    }
  }
}

package dev.skiff.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.skiff.model.codec.ModelCodec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1PodList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one place that calls each library, so that the decode, encode and heap measurements use exactly the
 * same entry points, each the library's own supported way to go between JSON and its {@code PodList}:
 *
 * <ul>
 *   <li>Skiff: {@link ModelCodec#standard()}, {@code readJson(byte[], PodList.class)} and
 *       {@code writeJsonBytes(Object)}.
 *   <li>fabric8 8.0.0: a {@link KubernetesSerialization} (Jackson 3; the static {@code Serialization} is
 *       deprecated), {@code unmarshal(InputStream, Class)} as its HTTP client does with a response body, and
 *       {@code asJson(Object)}, which returns a {@code String} (not converted to bytes here, to charge fabric8
 *       nothing it does not do itself).
 *   <li>The official client 27.0.0: {@link JSON} (Gson), {@code deserialize(InputStream, Type)} and
 *       {@code serialize(Object)}, which returns a {@code String}. By default it skips {@code managedFields}
 *       (it still parses them, into a Gson tree, then drops them); the system property
 *       {@value #OFFICIAL_MANAGED_FIELDS}{@code =true}, read once when {@code JSON} loads, keeps them. The
 *       benchmarks measure it both ways, each in its own JVM.
 *   <li>The floor: Jackson 2 streaming, the engine under Skiff's codec: reading every token of the bytes
 *       (decode), or writing every token of the document, recorded beforehand in a {@link TokenBuffer}, to a
 *       byte buffer (encode); no model either way.
 * </ul>
 */
public final class Libraries {
  /** The official client's switch for keeping {@code metadata.managedFields}; off by default. */
  public static final String OFFICIAL_MANAGED_FIELDS = "kubernetes.client.includeManagedFields";

  private static final ModelCodec SKIFF = ModelCodec.standard();
  private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
  private static final JsonFactory JACKSON = JsonFactory.builder().build();

  private Libraries() {}

  /**
   * The name of the official client in results: {@code official} as configured by default (managedFields
   * dropped), {@code official+mf} when this JVM keeps managedFields.
   *
   * @return the label
   */
  public static String officialLabel() {
    return Boolean.getBoolean(OFFICIAL_MANAGED_FIELDS) ? "official+mf" : "official";
  }

  // ---- decode

  /**
   * Decodes with Skiff.
   *
   * @param json UTF-8 JSON of a PodList
   * @return Skiff's PodList
   */
  public static dev.skiff.model.core.v1.PodList skiffDecode(byte[] json) {
    return SKIFF.readJson(json, dev.skiff.model.core.v1.PodList.class);
  }

  /**
   * Decodes with fabric8.
   *
   * @param json UTF-8 JSON of a PodList
   * @return fabric8's PodList
   */
  public static io.fabric8.kubernetes.api.model.PodList fabric8Decode(byte[] json) {
    return FABRIC8.unmarshal(new ByteArrayInputStream(json), io.fabric8.kubernetes.api.model.PodList.class);
  }

  /**
   * Decodes with the official client.
   *
   * @param json UTF-8 JSON of a PodList
   * @return the official client's V1PodList
   */
  public static V1PodList officialDecode(byte[] json) {
    try {
      return JSON.deserialize(new ByteArrayInputStream(json), V1PodList.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The decode floor: reads every token and decodes every string and number, builds nothing.
   *
   * @param json UTF-8 JSON
   * @return the number of tokens, so the work cannot be optimized away
   */
  public static int jacksonTokens(byte[] json) {
    try (JsonParser p = JACKSON.createParser(json)) {
      int tokens = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_STRING) {
          p.getTextLength(); // finish decoding the string (without making one), as a binding decoder must
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          p.getLongValue();
        }
        tokens++;
      }
      return tokens;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- encode

  /**
   * Encodes with Skiff.
   *
   * @param list Skiff's PodList
   * @return UTF-8 JSON
   */
  public static byte[] skiffEncode(dev.skiff.model.core.v1.PodList list) {
    return SKIFF.writeJsonBytes(list);
  }

  /**
   * Encodes with fabric8.
   *
   * @param list fabric8's PodList
   * @return JSON text, as fabric8 returns it
   */
  public static String fabric8Encode(io.fabric8.kubernetes.api.model.PodList list) {
    return FABRIC8.asJson(list);
  }

  /**
   * Encodes with the official client.
   *
   * @param list the official client's V1PodList
   * @return JSON text, as the official client returns it
   */
  public static String officialEncode(V1PodList list) {
    return JSON.serialize(list);
  }

  /**
   * Records every token of the input in memory, for the encode floor.
   *
   * @param json UTF-8 JSON
   * @return the document as a Jackson token buffer
   */
  public static TokenBuffer jacksonTokenBuffer(byte[] json) {
    try (JsonParser p = JACKSON.createParser(json)) {
      p.nextToken();
      TokenBuffer tokens = new TokenBuffer(p);
      tokens.copyCurrentStructure(p);
      return tokens;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The encode floor: writes the recorded tokens of the document to a byte buffer, the same calls a model
   * writer makes, with no model to walk.
   *
   * @param tokens the document, from {@link #jacksonTokenBuffer}
   * @return UTF-8 JSON
   */
  public static byte[] jacksonWrite(TokenBuffer tokens) {
    ByteArrayBuilder out = new ByteArrayBuilder(1 << 16);
    try (JsonGenerator g = JACKSON.createGenerator(out, JsonEncoding.UTF8)) {
      tokens.serialize(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---- checks

  /** The libraries, by the names {@link #verify} and {@link #libraryOf} use. */
  public static final List<String> NAMES = List.of("skiff", "fabric8", "official", "jackson");

  /**
   * Which library a benchmark method measures, by the method's name ({@code skiff}, {@code fabric8},
   * {@code official...}, {@code jackson...}).
   *
   * @param benchmark a JMH benchmark name, {@code Class.method} or fully qualified
   * @return one of {@link #NAMES}
   */
  public static String libraryOf(String benchmark) {
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    return NAMES.stream().filter(method::startsWith).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no library for benchmark " + benchmark));
  }

  /**
   * Fails fast unless the library decodes the fixture to the expected number of pods and writes the same
   * number back; every benchmark's setup calls it for the library it measures, before anything is timed.
   *
   * @param library one of {@link #NAMES}
   * @param json the fixture
   * @param expectedPods the number of pods in it
   * @return the size of the library's re-encoding in UTF-8 bytes
   * @throws IllegalStateException when the library disagrees
   */
  public static int verify(String library, byte[] json, int expectedPods) {
    check("fixture", "items in the JSON", countItems(json), expectedPods);
    int decoded;
    byte[] encoded;
    switch (library) {
      case "skiff" -> {
        dev.skiff.model.core.v1.PodList list = skiffDecode(json);
        decoded = list.items().size();
        encoded = skiffEncode(list);
      }
      case "fabric8" -> {
        io.fabric8.kubernetes.api.model.PodList list = fabric8Decode(json);
        decoded = list.getItems().size();
        encoded = fabric8Encode(list).getBytes(StandardCharsets.UTF_8);
      }
      case "official" -> {
        V1PodList list = officialDecode(json);
        decoded = list.getItems().size();
        encoded = officialEncode(list).getBytes(StandardCharsets.UTF_8);
      }
      case "jackson" -> {
        decoded = expectedPods;
        encoded = jacksonWrite(jacksonTokenBuffer(json));
        check("jackson", "re-written bytes", encoded.length, json.length);
      }
      default -> throw new IllegalArgumentException("unknown library " + library);
    }
    check(library, "decoded items", decoded, expectedPods);
    check(library, "re-encoded items", countItems(encoded), expectedPods);
    return encoded.length;
  }

  /**
   * {@link #verify Verifies} the given libraries and prints the sizes of their re-encodings.
   *
   * @param json the fixture
   * @param expectedPods the number of pods in it
   * @param libraries some of {@link #NAMES}
   * @param log where to print
   * @throws IllegalStateException when a library disagrees
   */
  public static void verifyAll(byte[] json, int expectedPods, List<String> libraries, PrintStream log) {
    StringBuilder sizes = new StringBuilder();
    for (String library : libraries) {
      int size = verify(library, json, expectedPods);
      sizes.append(String.format(" %s %,d;", library.equals("official") ? officialLabel() : library, size));
    }
    log.printf("Fixture: %,d pods, %,d bytes of JSON (%,d per pod). Each library decodes %,d pods and writes"
        + " %,d back; re-encoded bytes:%s%n", expectedPods, json.length, json.length / expectedPods,
        expectedPods, expectedPods, sizes.substring(0, sizes.length() - 1));
  }

  private static void check(String library, String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException(library + ": " + what + " = " + actual + ", expected " + expected);
    }
  }

  /** Counts the elements of the top-level {@code items} array. */
  private static int countItems(byte[] json) {
    try (JsonParser p = JACKSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("items") && value == JsonToken.START_ARRAY) {
          int items = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
            items++;
          }
          return items;
        }
        p.skipChildren();
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

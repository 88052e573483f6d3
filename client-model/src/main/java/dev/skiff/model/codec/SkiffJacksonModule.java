package dev.skiff.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Lets a Jackson {@code ObjectMapper} read and write Skiff's model types, for applications that already
 * serialize with databind (Spring, JAX-RS and the like): {@code mapper.registerModule(new SkiffJacksonModule())}.
 *
 * <p>The module hands each model object to the same generated streaming codec {@link ModelCodec} uses, so
 * the JSON is identical. Skiff itself does not need databind; this class works only when the application
 * has {@code com.fasterxml.jackson.core:jackson-databind} on its classpath.
 */
public final class SkiffJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Creates the module with a serializer and a deserializer for every model type. */
  public SkiffJacksonModule() {
    super("skiff-model");
    for (TypeCodec<?> codec : Codecs.all()) {
      register(codec);
    }
  }

  private <T> void register(TypeCodec<T> codec) {
    addSerializer(codec.type(), new JsonSerializer<T>() {
      @Override
      public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
        codec.write(g, value, true);
      }
    });
    addDeserializer(codec.type(), new JsonDeserializer<T>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return codec.read(p, new ReadContext(ModelCodec.standard(), true));
      }
    });
  }
}

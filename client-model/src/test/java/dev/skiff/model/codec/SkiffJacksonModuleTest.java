package dev.skiff.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.model.Quantity;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.core.v1.ResourceRequirements;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkiffJacksonModuleTest {
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new SkiffJacksonModule());

  private final Pod pod = Pod.builder()
      .metadata(ObjectMeta.builder().name("web-1").putLabels("app", "web").build())
      .spec(PodSpec.builder()
          .addContainers(Container.builder().name("web").image("nginx:1.27")
              .resources(ResourceRequirements.builder().putLimits("cpu", Quantity.parse("500m")).build())
              .build())
          .build())
      .build();

  @Test
  void objectMapperWritesWhatModelCodecWrites() throws Exception {
    String viaMapper = mapper.writeValueAsString(pod);
    assertThat(mapper.readTree(viaMapper))
        .isEqualTo(mapper.readTree(ModelCodec.standard().writeJson(pod)));
    assertThat(mapper.readValue(viaMapper, Pod.class)).isEqualTo(pod);
  }

  @Test
  void modelObjectsNestInsideApplicationTypes() throws Exception {
    Map<String, Object> envelope = Map.of("pod", pod);
    String json = mapper.writeValueAsString(envelope);
    assertThat(json).contains("\"image\":\"nginx:1.27\"").contains("\"cpu\":\"500m\"");
    record Envelope(Pod pod) {}
    assertThat(mapper.readValue(json, Envelope.class).pod()).isEqualTo(pod);
  }
}

package dev.skiff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skiff.client.error.InvalidException;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.ReplicationController;
import dev.skiff.model.core.v1.Service;
import dev.skiff.model.meta.v1.ObjectMeta;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad names and labels fail before sending, with the Status a v1.34 server returns for them
 * (transcripts invalid-names.json and rc-flake.json).
 */
class ClientValidationTest {
  private static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
      + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
      + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  @StartStop
  private final MockWebServer server = new MockWebServer();
  private KubeClient client;

  @BeforeEach
  void setUp() {
    client = Fixtures.client(server);
  }

  @AfterEach
  void tearDown() {
    assertThat(server.getRequestCount()).as("nothing may reach the server").isZero();
    client.close();
  }

  private static ObjectMeta named(String name) {
    return ObjectMeta.builder().name(name).build();
  }

  @Test
  void aBadPodNameFailsAsTheServerWouldSayIt() {
    InvalidException e = catchThrowableOfType(InvalidException.class,
        () -> client.pods("demo").create(Pod.builder().metadata(named("Bad_Name")).build()));
    assertThat(e.clientSide()).isTrue();
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.reason()).isEqualTo("Invalid");
    assertThat(e.status().message()).isEqualTo(
        "Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": " + SUBDOMAIN);
    assertThat(e.status().details().name()).isEqualTo("Bad_Name");
    assertThat(e.status().details().kind()).isEqualTo("Pod");
    assertThat(e.causes()).singleElement().satisfies(c -> {
      assertThat(c.reason()).isEqualTo("FieldValueInvalid");
      assertThat(c.field()).isEqualTo("metadata.name");
      assertThat(c.message()).isEqualTo("Invalid value: \"Bad_Name\": " + SUBDOMAIN);
    });
  }

  @Test
  void theSeedsFlakeControllerNameIsRejected() {
    InvalidException e = catchThrowableOfType(InvalidException.class, () -> client.replicationControllers("demo")
        .create(ReplicationController.builder().metadata(named("flakeController")).build()));
    assertThat(e.status().message()).isEqualTo("ReplicationController \"flakeController\" is invalid: "
        + "metadata.name: Invalid value: \"flakeController\": " + SUBDOMAIN);
  }

  @Test
  void serviceNamesAreDns1035Labels() {
    InvalidException e = catchThrowableOfType(InvalidException.class,
        () -> client.services("demo").create(Service.builder().metadata(named("1svc")).build()));
    assertThat(e.status().message()).isEqualTo("Service \"1svc\" is invalid: metadata.name: Invalid value: \"1svc\": "
        + "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
        + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void namespaceNamesMustNotContainDots() {
    InvalidException e = catchThrowableOfType(InvalidException.class,
        () -> client.namespaces().create(Namespace.builder().metadata(named("bad.ns")).build()));
    assertThat(e.status().message())
        .isEqualTo("Namespace \"bad.ns\" is invalid: metadata.name: Invalid value: \"bad.ns\": must not contain dots");
  }

  @Test
  void aMissingNameIsRequired() {
    InvalidException e = catchThrowableOfType(InvalidException.class,
        () -> client.configMaps("demo").create(ConfigMap.builder().metadata(ObjectMeta.builder().build()).build()));
    assertThat(e.status().message())
        .isEqualTo("ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
    assertThat(e.status().details().name()).isNull();
    assertThat(e.causes()).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("FieldValueRequired"));
  }

  @Test
  void badLabelValuesAndKeysAreInvalid() {
    InvalidException e = catchThrowableOfType(InvalidException.class, () -> client.configMaps("demo").create(
        ConfigMap.builder().metadata(ObjectMeta.builder().name("labels-bad").putLabels("app", "bad value!").build())
            .build()));
    assertThat(e.status().message()).isEqualTo("ConfigMap \"labels-bad\" is invalid: metadata.labels: Invalid value: "
        + "\"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
        + "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
        + "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");

    InvalidException two = catchThrowableOfType(InvalidException.class, () -> client.configMaps("demo").update(
        ConfigMap.builder().metadata(ObjectMeta.builder().name("Bad").putLabels("-k", "v").build()).build()));
    assertThat(two.status().message()).startsWith("ConfigMap \"Bad\" is invalid: [metadata.name: Invalid value: ")
        .contains(", metadata.labels: Invalid value: \"-k\": name part must consist of").endsWith("]");
    assertThat(two.causes()).extracting(c -> c.field()).containsExactly("metadata.name", "metadata.labels");
  }

  @Test
  void aBadGenerateNamePrefixIsInvalid() {
    InvalidException e = catchThrowableOfType(InvalidException.class, () -> client.configMaps("demo").create(
        ConfigMap.builder().metadata(ObjectMeta.builder().generateName("Bad_").build()).build()));
    assertThat(e.causes()).singleElement().satisfies(c -> {
      assertThat(c.field()).isEqualTo("metadata.generateName");
      assertThat(c.message()).isEqualTo("Invalid value: \"Bad_\": " + SUBDOMAIN);
    });
  }
}

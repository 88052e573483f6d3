package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Secrets: {@code type} defaults to {@code Opaque}; {@code stringData} is merged into {@code data} as base64
 * (winning over the same key) and never stored; key rules, 1 MiB in total, the keys each built-in type requires;
 * {@code type} and the data of {@code immutable} secrets cannot change.
 */
final class SecretStrategy extends KindStrategy {

  SecretStrategy() {
    super("Secret", "", true, NameRule.DNS1123_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode secret) {
    Nodes.defaultText(secret, "type", "Opaque");
    // The v1 -> internal conversion writes stringData into data; the internal type has no stringData.
    ObjectNode stringData = Nodes.object(secret, "stringData");
    if (stringData != null) {
      ObjectNode data = Nodes.objectOrCreate(secret, "data");
      Iterator<Map.Entry<String, JsonNode>> it = stringData.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
    }
    secret.remove("stringData");
  }

  @Override
  List<FieldError> validateBody(ObjectNode secret) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    ObjectNode data = Nodes.object(secret, "data");
    for (Map.Entry<String, String> e : Nodes.stringMap(secret, "data")) {
      for (String msg : DataKeys.errors(e.getKey())) {
        errors.add(FieldError.invalid("data[" + e.getKey() + "]", e.getKey(), msg));
      }
      size += ConfigMapStrategy.decodedLength(e.getValue());
    }
    if (size > DataKeys.MAX_TOTAL_SIZE) {
      errors.add(FieldError.tooLong("data", DataKeys.MAX_TOTAL_SIZE));
    }
    switch (Nodes.text(secret, "type")) {
      case "kubernetes.io/service-account-token":
        if (Nodes.text(Nodes.object(Nodes.object(secret, "metadata"), "annotations"),
            "kubernetes.io/service-account.name").isEmpty()) {
          errors.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
        }
        break;
      case "kubernetes.io/dockercfg":
        requireKey(data, ".dockercfg", errors);
        break;
      case "kubernetes.io/dockerconfigjson":
        requireKey(data, ".dockerconfigjson", errors);
        break;
      case "kubernetes.io/basic-auth":
        if (!has(data, "username") && !has(data, "password")) {
          errors.add(FieldError.required("data[username]", ""));
          errors.add(FieldError.required("data[password]", ""));
        }
        break;
      case "kubernetes.io/ssh-auth":
        if (data == null || Nodes.text(data, "ssh-privatekey").isEmpty()) {
          errors.add(FieldError.required("data[ssh-privatekey]", ""));
        }
        break;
      case "kubernetes.io/tls":
        if (!has(data, "tls.crt")) {
          errors.add(FieldError.required("data[tls.crt]", ""));
        }
        if (!has(data, "tls.key")) {
          errors.add(FieldError.required("data[tls.key]", ""));
        }
        break;
      default:
        break;
    }
    return errors;
  }

  private static boolean has(ObjectNode data, String key) {
    return data != null && data.has(key);
  }

  private static void requireKey(ObjectNode data, String key, List<FieldError> errors) {
    if (!has(data, key)) {
      errors.add(FieldError.required("data[" + key + "]", ""));
    }
  }

  @Override
  List<FieldError> validateBodyUpdate(ObjectNode secret, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(secret.get("metadata"), old.get("metadata"), "metadata"));
    String type = Nodes.text(secret, "type");
    if (!type.equals(Nodes.text(old, "type"))) {
      errors.add(FieldError.invalid("type", type, "field is immutable"));
    }
    if (old.path("immutable").asBoolean(false)) {
      if (!secret.path("immutable").asBoolean(false)) {
        errors.add(FieldError.forbidden("immutable", ConfigMapStrategy.IMMUTABLE_DETAIL));
      }
      if (!Nodes.semanticallyEqual(secret.get("data"), old.get("data"))) {
        errors.add(FieldError.forbidden("data", ConfigMapStrategy.IMMUTABLE_DETAIL));
      }
    }
    errors.addAll(validate(secret));
    return errors;
  }
}

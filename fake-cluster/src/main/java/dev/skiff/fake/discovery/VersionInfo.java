package dev.skiff.fake.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to {@code GET /version}: the {@code version.Info} of the emulated kube-apiserver, every field
 * the real server sends (the Python client rejects an answer that lacks one; kubectl's dispatcher build picks
 * its binary by {@link #minor}).
 *
 * @param major major version, {@code "1"}
 * @param minor minor version, e.g. {@code "34"}
 * @param emulationMajor major version the server emulates
 * @param emulationMinor minor version the server emulates
 * @param minCompatibilityMajor oldest major version the server stays compatible with
 * @param minCompatibilityMinor oldest minor version the server stays compatible with
 * @param gitVersion release tag, e.g. {@code "v1.34.9"}
 * @param gitCommit commit of the build
 * @param gitTreeState {@code "clean"} or {@code "dirty"}
 * @param buildDate RFC 3339 time of the build
 * @param goVersion Go version of the build
 * @param compiler Go compiler, {@code "gc"}
 * @param platform {@code os/arch}
 */
public record VersionInfo(
    String major,
    String minor,
    String emulationMajor,
    String emulationMinor,
    String minCompatibilityMajor,
    String minCompatibilityMinor,
    String gitVersion,
    String gitCommit,
    String gitTreeState,
    String buildDate,
    String goVersion,
    String compiler,
    String platform) {

  /**
   * The kube-apiserver v1.34 the fake cluster emulates. The commit is the literal placeholder a source build
   * without git metadata reports, as the recorded reference server did.
   */
  public static VersionInfo v1_34() {
    return new VersionInfo("1", "34", "1", "34", "1", "33", "v1.34.9", "$Format:%H$", "clean",
        "2026-01-01T00:00:00Z", "go1.24.4", "gc", "linux/amd64");
  }

  /** This version as the JSON object {@code /version} answers with, fields in the real server's order. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("major", major);
    o.put("minor", minor);
    o.put("emulationMajor", emulationMajor);
    o.put("emulationMinor", emulationMinor);
    o.put("minCompatibilityMajor", minCompatibilityMajor);
    o.put("minCompatibilityMinor", minCompatibilityMinor);
    o.put("gitVersion", gitVersion);
    o.put("gitCommit", gitCommit);
    o.put("gitTreeState", gitTreeState);
    o.put("buildDate", buildDate);
    o.put("goVersion", goVersion);
    o.put("compiler", compiler);
    o.put("platform", platform);
    return o;
  }
}

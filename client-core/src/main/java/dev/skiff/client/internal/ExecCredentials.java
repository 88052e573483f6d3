package dev.skiff.client.internal;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.CredentialException;
import dev.skiff.client.ExecConfig;
import dev.skiff.model.InvalidTimeException;
import dev.skiff.model.Times;
import dev.skiff.model.codec.DecodeException;
import dev.skiff.model.codec.ModelCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Credentials from an exec plugin: runs the command with {@code KUBERNETES_EXEC_INFO}, reads the
 * {@code ExecCredential} it prints, and keeps it until its {@code expirationTimestamp} (forever when it has
 * none) or until the server rejects it. One plugin run at a time; concurrent requests wait for it and share
 * the result.
 */
final class ExecCredentials implements AuthorizationSource {
  private final ExecConfig exec;
  private final ClientConfig cluster;
  private final Clock clock;
  /** Counts plugin runs that changed the client certificate; see {@link CertificateRotationInterceptor}. */
  private volatile long certificateGeneration;
  /** Volatile so that TLS handshakes can read the certificate without waiting for a running plugin. */
  private volatile Credential cached;

  /**
   * Creates the source; the plugin runs on first use.
   *
   * @param exec the plugin
   * @param cluster the configuration, whose server and TLS settings are passed when the plugin asks
   * @param clock tells when a credential has expired
   */
  ExecCredentials(ExecConfig exec, ClientConfig cluster, Clock clock) {
    this.exec = Objects.requireNonNull(exec, "exec");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A credential a plugin printed. */
  record Credential(String token, KeyMaterial certificate, Instant expiry) {
    @Override
    public String toString() {
      return "Credential{token=" + (token == null ? "none" : Redaction.REDACTED) + ", certificate="
          + (certificate == null ? "none" : certificate) + ", expiry=" + expiry + "}";
    }
  }

  /**
   * The cached credential, or a new one from the plugin when there is none or it has expired.
   *
   * @throws CredentialException when the plugin cannot be run, fails, or prints no usable credential
   */
  synchronized Credential current() throws IOException {
    Credential c = cached;
    if (c == null || c.expiry() != null && !clock.instant().isBefore(c.expiry())) {
      Credential fresh = run(c);
      cached = fresh;
      if (c != null && !Objects.equals(certificateOf(c), certificateOf(fresh))) {
        certificateGeneration++;
      }
      c = fresh;
    }
    return c;
  }

  /** How many times a plugin run has replaced the client certificate so far. */
  long certificateGeneration() {
    return certificateGeneration;
  }

  /** The client certificate of the cached credential, without running the plugin; null when none. */
  KeyMaterial certificate() {
    return certificateOf(cached);
  }

  private static KeyMaterial certificateOf(Credential c) {
    return c == null ? null : c.certificate();
  }

  @Override
  public String authorization() throws IOException {
    return header(current());
  }

  private static String header(Credential c) {
    return c == null || c.token() == null ? null : "Bearer " + c.token();
  }

  @Override
  public synchronized boolean rejected(String rejected) {
    // Another request may have refreshed the credential already: drop only the one the server rejected.
    if (cached != null && Objects.equals(rejected, header(cached))) {
      cached = null;
    }
    return true;
  }

  private Credential run(Credential previous) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(exec.command());
    command.addAll(exec.args());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(exec.env());
    builder.environment().put("KUBERNETES_EXEC_INFO", execInfo());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CredentialException(name() + " cannot be run: " + e.getMessage()
          + exec.installHint().map(h -> "\n" + h).orElse(""), e);
    }
    String previousToken = previous == null ? null : previous.token();
    try {
      process.getOutputStream().close(); // Never interactive: the plugin reads end-of-input.
      StreamCollector stderr = new StreamCollector(process.getErrorStream());
      stderr.start();
      byte[] stdout = process.getInputStream().readAllBytes();
      int exit = process.waitFor();
      stderr.join();
      if (exit != 0) {
        String err = Redaction.redact(stderr.text(), previousToken);
        throw new CredentialException(name() + " failed with exit code " + exit
            + (err.isEmpty() ? " and printed nothing on standard error" : ": " + err));
      }
      return parse(stdout);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(name() + " was interrupted");
    }
  }

  private String name() {
    return "exec plugin \"" + exec.command() + "\"";
  }

  /** The {@code KUBERNETES_EXEC_INFO} value: an ExecCredential request saying Skiff is not interactive. */
  private String execInfo() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interactive", false);
    if (exec.provideClusterInfo()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("server", cluster.server().toString());
      cluster.tlsServerName().ifPresent(n -> c.put("tls-server-name", n));
      if (cluster.insecureSkipTlsVerify()) {
        c.put("insecure-skip-tls-verify", true);
      }
      cluster.certificateAuthorityPem().ifPresent(pem -> c.put("certificate-authority-data",
          Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
      spec.put("cluster", c);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("kind", "ExecCredential");
    request.put("apiVersion", exec.apiVersion());
    request.put("spec", spec);
    return ModelCodec.standard().writeJson(request);
  }

  private Credential parse(byte[] stdout) throws CredentialException {
    Map<?, ?> root;
    try {
      root = ModelCodec.standard().readJson(stdout, Map.class);
    } catch (DecodeException e) {
      // The decoder's message may quote what it could not parse, which may be a token: only say where.
      throw new CredentialException(name() + " printed no valid ExecCredential JSON on standard output"
          + (e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : ""));
    }
    if (!"ExecCredential".equals(root.get("kind"))) {
      throw new CredentialException(name() + " printed kind \"" + root.get("kind") + "\", not ExecCredential");
    }
    if (!exec.apiVersion().equals(root.get("apiVersion"))) {
      throw new CredentialException(name() + " is configured for apiVersion " + exec.apiVersion()
          + " but printed apiVersion \"" + root.get("apiVersion") + "\"");
    }
    if (!(root.get("status") instanceof Map<?, ?> status)) {
      throw new CredentialException(name() + " printed an ExecCredential without a status");
    }
    String token = string(status, "token");
    String certificate = string(status, "clientCertificateData");
    String key = string(status, "clientKeyData");
    if ((certificate == null) != (key == null)) {
      throw new CredentialException(name() + " printed "
          + (certificate == null ? "clientKeyData without clientCertificateData" : "clientCertificateData without clientKeyData"));
    }
    if (token == null && certificate == null) {
      throw new CredentialException(name() + " printed an ExecCredential with neither a token nor a client certificate");
    }
    KeyMaterial material = null;
    if (certificate != null) {
      try {
        material = KeyMaterial.fromPem(certificate, key, name() + " client");
      } catch (IllegalArgumentException e) {
        throw new CredentialException(e.getMessage());
      }
    }
    Instant expiry = null;
    String expiration = string(status, "expirationTimestamp");
    if (expiration != null) {
      try {
        expiry = Times.parseTime(expiration);
      } catch (InvalidTimeException e) {
        throw new CredentialException(name() + " printed an invalid expirationTimestamp: " + e.getMessage());
      }
    }
    return new Credential(token, material, expiry);
  }

  private String string(Map<?, ?> status, String field) throws CredentialException {
    Object v = status.get(field);
    if (v == null || v instanceof String s && s.isEmpty()) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new CredentialException(name() + " printed a status." + field + " that is not a string");
    }
    return s;
  }

  /** Reads a stream to its end on its own thread, so that a chatty stderr cannot block the plugin. */
  private static final class StreamCollector extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    StreamCollector(InputStream in) {
      super("skiff-exec-plugin-stderr");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      try (in) {
        in.transferTo(out);
      } catch (IOException e) {
        // The process went away; what was read so far is all there is.
      }
    }

    String text() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public String toString() {
    return "ExecCredentials{" + exec + "}";
  }
}

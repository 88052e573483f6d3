package dev.skiff.client;

import dev.skiff.client.internal.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a client connects and who it is: the API server, TLS trust, credentials and the default namespace.
 * Instances are immutable; read one from a kubeconfig or the pod's service account, or build one.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.autoConfigure();           // like kubectl: kubeconfig, else in-cluster
 * ClientConfig dev = ClientConfig.fromKubeconfig(Path.of("kind.yaml"), "kind-dev");
 * ClientConfig explicit = ClientConfig.builder()
 *     .server("https://10.0.0.1:6443")
 *     .certificateAuthorityFile(Path.of("ca.crt"))
 *     .bearerTokenFile(Path.of("/var/run/secrets/token"))
 *     .namespace("shop")
 *     .build();
 * }</pre>
 *
 * <p>Secrets (tokens, passwords, private keys) are never part of {@link #toString()}.
 */
public final class ClientConfig {
  private final URI server;
  private final String namespace;
  private final String certificateAuthorityPem;
  private final boolean insecureSkipTlsVerify;
  private final String tlsServerName;
  private final URI proxy;
  private final String bearerToken;
  private final Path bearerTokenFile;
  private final String clientCertificatePem;
  private final String clientKeyPem;
  private final String username;
  private final String password;
  private final ExecConfig exec;
  private final String userAgent;
  private final String impersonateUser;
  private final List<String> impersonateGroups;

  private ClientConfig(Builder b) {
    if (b.server == null) {
      throw new IllegalArgumentException("server is required");
    }
    String scheme = b.server.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || b.server.getHost() == null) {
      throw new IllegalArgumentException("server must be an http or https URL with a host, not \"" + b.server + "\"");
    }
    if (b.namespace.isEmpty()) {
      throw new IllegalArgumentException("namespace must not be empty");
    }
    this.server = b.server;
    this.namespace = b.namespace;
    this.certificateAuthorityPem = b.certificateAuthorityPem != null ? b.certificateAuthorityPem
        : b.certificateAuthorityFile != null ? read(b.certificateAuthorityFile, "certificate authority file") : null;
    this.insecureSkipTlsVerify = b.insecureSkipTlsVerify;
    this.tlsServerName = b.tlsServerName;
    this.proxy = b.proxy;
    this.bearerToken = b.bearerToken;
    this.bearerTokenFile = b.bearerTokenFile;
    this.clientCertificatePem = b.clientCertificatePem != null ? b.clientCertificatePem
        : b.clientCertificateFile != null ? read(b.clientCertificateFile, "client certificate file") : null;
    this.clientKeyPem = b.clientKeyPem != null ? b.clientKeyPem
        : b.clientKeyFile != null ? read(b.clientKeyFile, "client key file") : null;
    this.username = b.username;
    this.password = b.password;
    this.exec = b.exec;
    this.userAgent = b.userAgent;
    this.impersonateUser = b.impersonateUser;
    this.impersonateGroups = List.copyOf(b.impersonateGroups);
    validate();
  }

  /** Rejects combinations the API server (or client-go) would refuse, and PEM text that does not parse. */
  private void validate() {
    if (insecureSkipTlsVerify && certificateAuthorityPem != null) {
      throw new IllegalArgumentException(
          "a certificate authority and insecureSkipTlsVerify exclude each other: trust the CA, or skip verification");
    }
    if (certificateAuthorityPem != null) {
      Pem.certificates(certificateAuthorityPem, "certificate authority");
    }
    if ((clientCertificatePem == null) != (clientKeyPem == null)) {
      throw new IllegalArgumentException("a client certificate needs its private key, and a key its certificate");
    }
    if (clientCertificatePem != null) {
      X509Certificate leaf = Pem.certificates(clientCertificatePem, "client certificate").get(0);
      Pem.requireKeyPair(leaf, Pem.privateKey(clientKeyPem, "client key"), "client");
    }
    if (proxy != null) {
      String scheme = proxy.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"socks5".equalsIgnoreCase(scheme) || proxy.getHost() == null) {
        throw new IllegalArgumentException("proxy must be an http:// or socks5:// URL with a host, not \""
            + redactUserInfo(proxy) + "\" (https:// proxies are not supported)");
      }
      if ("socks5".equalsIgnoreCase(scheme) && proxy.getUserInfo() != null) {
        throw new IllegalArgumentException("socks5 proxy credentials are not supported");
      }
    }
    boolean token = bearerToken != null || bearerTokenFile != null;
    if (token && username != null) {
      throw new IllegalArgumentException("a bearer token and basic auth exclude each other: configure one");
    }
    if (exec != null && (token || username != null)) {
      throw new IllegalArgumentException("an exec plugin excludes a bearer token and basic auth: configure one");
    }
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " " + file + ": " + e, e);
    }
  }

  /**
   * A builder for an explicit configuration.
   *
   * @return a builder with namespace {@code default}, TLS verification on and no credentials
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures the way {@code kubectl} does: the kubeconfig files listed in {@code KUBECONFIG} (merged) or
   * {@code ~/.kube/config}, their current context.
   *
   * @return the configuration
   * @throws KubeConfigException when there is no kubeconfig, or it lacks or misstates what is needed
   */
  public static ClientConfig fromKubeconfig() {
    return ConfigLoader.system().kubeconfig();
  }

  /**
   * Reads one kubeconfig file, its current context.
   *
   * @param file the kubeconfig file
   * @return the configuration
   * @throws KubeConfigException when the file cannot be read, or lacks or misstates what is needed
   */
  public static ClientConfig fromKubeconfig(Path file) {
    return ConfigLoader.system().kubeconfig(file);
  }

  /**
   * Reads one kubeconfig file, a named context.
   *
   * @param file the kubeconfig file
   * @param context the context's name
   * @return the configuration
   * @throws KubeConfigException when the file cannot be read, the context does not exist, or it lacks or
   *     misstates what is needed
   */
  public static ClientConfig fromKubeconfig(Path file, String context) {
    return ConfigLoader.system().kubeconfig(file, context);
  }

  /**
   * Configures from inside a pod: the service account's token (re-read as the kubelet rotates it), CA and
   * namespace under {@code /var/run/secrets/kubernetes.io/serviceaccount}, and the server from
   * {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}.
   *
   * @return the configuration
   * @throws KubeConfigException when not running in a pod
   */
  public static ClientConfig inCluster() {
    return ConfigLoader.system().inCluster();
  }

  /**
   * Configures the way client-go and kubectl do: a kubeconfig when there is one ({@code KUBECONFIG} or
   * {@code ~/.kube/config}), else the pod's service account.
   *
   * @return the configuration
   * @throws KubeConfigException when neither is available (the message says what was tried), or the
   *     kubeconfig found is invalid
   */
  public static ClientConfig autoConfigure() {
    return ConfigLoader.system().autoConfigure();
  }

  /**
   * A builder holding this configuration's values, to derive a changed copy (files already read are kept as
   * their contents; a bearer token file stays a file).
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.server = server;
    b.namespace = namespace;
    b.certificateAuthorityPem = certificateAuthorityPem;
    b.insecureSkipTlsVerify = insecureSkipTlsVerify;
    b.tlsServerName = tlsServerName;
    b.proxy = proxy;
    b.bearerToken = bearerToken;
    b.bearerTokenFile = bearerTokenFile;
    b.clientCertificatePem = clientCertificatePem;
    b.clientKeyPem = clientKeyPem;
    b.username = username;
    b.password = password;
    b.exec = exec;
    b.userAgent = userAgent;
    b.impersonateUser = impersonateUser;
    b.impersonateGroups.addAll(impersonateGroups);
    return b;
  }

  /**
   * The API server's base URL.
   *
   * @return e.g. {@code https://10.0.0.1:6443}
   */
  public URI server() {
    return server;
  }

  /**
   * The namespace used when a call names none.
   *
   * @return the namespace, {@code default} unless configured
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The certificate authorities trusted for the server's certificate; when absent, the JDK's default trust
   * store is used.
   *
   * @return PEM text with one or more certificates, if configured
   */
  public Optional<String> certificateAuthorityPem() {
    return Optional.ofNullable(certificateAuthorityPem);
  }

  /**
   * Whether the server's certificate is accepted without verification. Insecure; for test clusters only.
   *
   * @return true when verification is skipped
   */
  public boolean insecureSkipTlsVerify() {
    return insecureSkipTlsVerify;
  }

  /**
   * The name sent in TLS SNI and checked against the server's certificate instead of the URL's host.
   *
   * @return the server name, if configured
   */
  public Optional<String> tlsServerName() {
    return Optional.ofNullable(tlsServerName);
  }

  /**
   * The proxy requests go through: {@code http://} (with optional {@code user:password@}, sent as proxy
   * basic auth) or {@code socks5://}. When absent, the JVM's default proxy selector decides.
   *
   * @return the proxy URL, if configured; its user info is secret
   */
  public Optional<URI> proxy() {
    return Optional.ofNullable(proxy);
  }

  /**
   * A fixed bearer token. Secret. When a {@linkplain #bearerTokenFile() token file} is also set, the file
   * wins.
   *
   * @return the token, if configured
   */
  public Optional<String> bearerToken() {
    return Optional.ofNullable(bearerToken);
  }

  /**
   * A file holding the bearer token, re-read when it changes and at least every minute (service account
   * tokens are rotated by the kubelet).
   *
   * @return the file, if configured
   */
  public Optional<Path> bearerTokenFile() {
    return Optional.ofNullable(bearerTokenFile);
  }

  /**
   * The client certificate, followed by any intermediates, for TLS client authentication.
   *
   * @return PEM text, if configured
   */
  public Optional<String> clientCertificatePem() {
    return Optional.ofNullable(clientCertificatePem);
  }

  /**
   * The client certificate's private key. Secret.
   *
   * @return PEM text (PKCS#8, RSA PKCS#1 or EC SEC1), if configured
   */
  public Optional<String> clientKeyPem() {
    return Optional.ofNullable(clientKeyPem);
  }

  /**
   * The basic auth user name.
   *
   * @return the user name, if configured
   */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /**
   * The basic auth password. Secret.
   *
   * @return the password, if configured
   */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /**
   * The exec credential plugin that supplies a token or client certificate.
   *
   * @return the plugin, if configured
   */
  public Optional<ExecConfig> exec() {
    return Optional.ofNullable(exec);
  }

  /**
   * The {@code User-Agent} sent with every request.
   *
   * @return the user agent, if configured; otherwise the HTTP client's default is sent
   */
  public Optional<String> userAgent() {
    return Optional.ofNullable(userAgent);
  }

  /**
   * The user to act as ({@code Impersonate-User}); the credentials must be allowed to impersonate.
   *
   * @return the user, if configured
   */
  public Optional<String> impersonateUser() {
    return Optional.ofNullable(impersonateUser);
  }

  /**
   * The groups to act as ({@code Impersonate-Group}), together with {@link #impersonateUser()}.
   *
   * @return the groups, possibly empty; unmodifiable
   */
  public List<String> impersonateGroups() {
    return impersonateGroups;
  }

  /** Describes the configuration; secrets show as {@code <redacted>}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ClientConfig{server=").append(server).append(", namespace=").append(namespace);
    if (insecureSkipTlsVerify) {
      sb.append(", insecureSkipTlsVerify=true");
    } else if (certificateAuthorityPem != null) {
      sb.append(", certificateAuthority=PEM");
    }
    if (tlsServerName != null) {
      sb.append(", tlsServerName=").append(tlsServerName);
    }
    if (proxy != null) {
      sb.append(", proxy=").append(redactUserInfo(proxy));
    }
    if (bearerTokenFile != null) {
      sb.append(", bearerTokenFile=").append(bearerTokenFile);
    } else if (bearerToken != null) {
      sb.append(", bearerToken=<redacted>");
    }
    if (clientCertificatePem != null) {
      sb.append(", clientCertificate=PEM, clientKey=<redacted>");
    }
    if (username != null) {
      sb.append(", username=").append(username).append(", password=<redacted>");
    }
    if (exec != null) {
      sb.append(", exec=").append(exec);
    }
    if (userAgent != null) {
      sb.append(", userAgent=").append(userAgent);
    }
    if (impersonateUser != null) {
      sb.append(", impersonateUser=").append(impersonateUser);
    }
    if (!impersonateGroups.isEmpty()) {
      sb.append(", impersonateGroups=").append(impersonateGroups);
    }
    return sb.append('}').toString();
  }

  /** A proxy URL with any {@code user:password@} replaced, for messages. */
  private static String redactUserInfo(URI url) {
    return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo(), "<redacted>");
  }

  /** Builds a {@link ClientConfig}. Setters replace earlier values; {@link #build()} validates. */
  public static final class Builder {
    private URI server;
    private String namespace = "default";
    private String certificateAuthorityPem;
    private Path certificateAuthorityFile;
    private boolean insecureSkipTlsVerify;
    private String tlsServerName;
    private URI proxy;
    private String bearerToken;
    private Path bearerTokenFile;
    private String clientCertificatePem;
    private String clientKeyPem;
    private Path clientCertificateFile;
    private Path clientKeyFile;
    private String username;
    private String password;
    private ExecConfig exec;
    private String userAgent;
    private String impersonateUser;
    private final List<String> impersonateGroups = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the API server's base URL.
     *
     * @param url e.g. {@code https://10.0.0.1:6443}
     * @return this builder
     * @throws IllegalArgumentException when the text is not a URI
     */
    public Builder server(String url) {
      return server(URI.create(Objects.requireNonNull(url, "url")));
    }

    /**
     * Sets the API server's base URL.
     *
     * @param url an http or https URL
     * @return this builder
     */
    public Builder server(URI url) {
      this.server = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the namespace used when a call names none.
     *
     * @param namespace the namespace
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /**
     * Trusts only these certificate authorities for the server's certificate (instead of the JDK's).
     *
     * @param pem one or more PEM certificates
     * @return this builder
     */
    public Builder certificateAuthorityPem(String pem) {
      this.certificateAuthorityPem = Objects.requireNonNull(pem, "pem");
      this.certificateAuthorityFile = null;
      return this;
    }

    /**
     * Trusts only the certificate authorities in a PEM file, read by {@link #build()}.
     *
     * @param file the PEM file, e.g. {@code ca.crt}
     * @return this builder
     */
    public Builder certificateAuthorityFile(Path file) {
      this.certificateAuthorityFile = Objects.requireNonNull(file, "file");
      this.certificateAuthorityPem = null;
      return this;
    }

    /**
     * Accepts the server's certificate without verification. Insecure: anyone on the network path can
     * impersonate the server and read the credentials sent. Off by default.
     *
     * @param insecure true to skip verification
     * @return this builder
     */
    public Builder insecureSkipTlsVerify(boolean insecure) {
      this.insecureSkipTlsVerify = insecure;
      return this;
    }

    /**
     * Sends this name in TLS SNI and checks the server's certificate against it, instead of the URL's host.
     *
     * @param serverName a DNS name the certificate is valid for
     * @return this builder
     */
    public Builder tlsServerName(String serverName) {
      this.tlsServerName = Objects.requireNonNull(serverName, "serverName");
      return this;
    }

    /**
     * Sends requests through a proxy (the kubeconfig's {@code proxy-url}).
     *
     * @param proxyUrl {@code http://host:port}, {@code http://user:password@host:port} or
     *     {@code socks5://host:port}
     * @return this builder
     */
    public Builder proxy(URI proxyUrl) {
      this.proxy = Objects.requireNonNull(proxyUrl, "proxyUrl");
      return this;
    }

    /**
     * Authenticates with a fixed bearer token.
     *
     * @param token the token
     * @return this builder
     */
    public Builder bearerToken(String token) {
      this.bearerToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Authenticates with the bearer token in a file, re-read when the file changes and at least every
     * minute. Takes precedence over {@link #bearerToken(String)}.
     *
     * @param file the token file
     * @return this builder
     */
    public Builder bearerTokenFile(Path file) {
      this.bearerTokenFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Authenticates with a TLS client certificate.
     *
     * @param certificatePem the certificate, followed by any intermediates, as PEM
     * @param privateKeyPem its unencrypted private key as PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA PKCS#1
     *     ({@code BEGIN RSA PRIVATE KEY}) or EC SEC1 ({@code BEGIN EC PRIVATE KEY})
     * @return this builder
     */
    public Builder clientCertificatePem(String certificatePem, String privateKeyPem) {
      this.clientCertificatePem = Objects.requireNonNull(certificatePem, "certificatePem");
      this.clientKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
      this.clientCertificateFile = null;
      this.clientKeyFile = null;
      return this;
    }

    /**
     * Authenticates with a TLS client certificate read from PEM files by {@link #build()}.
     *
     * @param certificateFile the certificate (and any intermediates)
     * @param privateKeyFile its unencrypted private key
     * @return this builder
     */
    public Builder clientCertificateFiles(Path certificateFile, Path privateKeyFile) {
      this.clientCertificateFile = Objects.requireNonNull(certificateFile, "certificateFile");
      this.clientKeyFile = Objects.requireNonNull(privateKeyFile, "privateKeyFile");
      this.clientCertificatePem = null;
      this.clientKeyPem = null;
      return this;
    }

    /**
     * Authenticates with HTTP basic auth.
     *
     * @param username the user name
     * @param password the password
     * @return this builder
     */
    public Builder basicAuth(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Authenticates with the credentials an exec plugin prints.
     *
     * @param exec the plugin
     * @return this builder
     */
    public Builder exec(ExecConfig exec) {
      this.exec = Objects.requireNonNull(exec, "exec");
      return this;
    }

    /**
     * Sets the {@code User-Agent} sent with every request.
     *
     * @param userAgent e.g. {@code my-operator/1.2}
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /**
     * Acts as another user ({@code Impersonate-User}).
     *
     * @param user the user name
     * @return this builder
     */
    public Builder impersonateUser(String user) {
      this.impersonateUser = Objects.requireNonNull(user, "user");
      return this;
    }

    /**
     * Acts as members of these groups ({@code Impersonate-Group}), replacing earlier groups.
     *
     * @param groups the group names
     * @return this builder
     */
    public Builder impersonateGroups(List<String> groups) {
      impersonateGroups.clear();
      for (String g : groups) {
        impersonateGroups.add(Objects.requireNonNull(g, "groups element"));
      }
      return this;
    }

    /**
     * Builds the configuration, reading any files given.
     *
     * @return the configuration
     * @throws IllegalArgumentException when the server is missing or not an http(s) URL, PEM text does not
     *     parse, a certificate lacks its key, or settings exclude each other
     * @throws UncheckedIOException when a certificate or key file cannot be read
     */
    public ClientConfig build() {
      if (!impersonateGroups.isEmpty() && impersonateUser == null) {
        throw new IllegalArgumentException("impersonating groups needs a user to impersonate");
      }
      return new ClientConfig(this);
    }
  }
}

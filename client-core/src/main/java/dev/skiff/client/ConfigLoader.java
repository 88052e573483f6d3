package dev.skiff.client;

import dev.skiff.client.internal.Kubeconfig;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds and reads configuration the way kubectl and client-go do, from an environment, a home directory
 * and a service account directory that are the process's own unless a test or an embedding application
 * supplies others. {@link ClientConfig#fromKubeconfig()}, {@link ClientConfig#inCluster()} and
 * {@link ClientConfig#autoConfigure()} use {@link #system()}.
 *
 * <pre>{@code
 * ConfigLoader loader = ConfigLoader.builder()
 *     .environment(Map.of("KUBECONFIG", "/etc/app/kubeconfig"))
 *     .homeDirectory(Path.of("/srv/app"))
 *     .build();
 * ClientConfig config = loader.autoConfigure();
 * }</pre>
 */
public final class ConfigLoader {
  /** Where the kubelet mounts a pod's service account token, CA and namespace. */
  public static final Path SERVICE_ACCOUNT_DIRECTORY = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  private final Map<String, String> environment;
  private final Path homeDirectory;
  private final Path serviceAccountDirectory;

  private ConfigLoader(Builder b) {
    this.environment = Map.copyOf(b.environment);
    this.serviceAccountDirectory = b.serviceAccountDirectory;
    this.homeDirectory = b.homeDirectory != null ? b.homeDirectory : defaultHome(environment);
  }

  /** HOME as client-go reads it, then Windows' USERPROFILE, then the JVM's idea. */
  private static Path defaultHome(Map<String, String> environment) {
    for (String name : List.of("HOME", "USERPROFILE")) {
      String value = environment.get(name);
      if (value != null && !value.isEmpty()) {
        return Path.of(value);
      }
    }
    return Path.of(System.getProperty("user.home"));
  }

  /**
   * The loader for this process: its environment variables, home directory and the standard service
   * account directory.
   *
   * @return the loader
   */
  public static ConfigLoader system() {
    return builder().build();
  }

  /**
   * Starts a loader with this process's environment, home directory and service account directory, each of
   * which can be replaced.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the kubeconfig files listed in {@code KUBECONFIG} (merged; missing files skipped, as kubectl does),
   * or {@code ~/.kube/config} when {@code KUBECONFIG} is unset or empty, and uses their current context.
   *
   * @return the configuration
   * @throws KubeConfigException when no kubeconfig exists, or it lacks or misstates what is needed
   */
  public ClientConfig kubeconfig() {
    return existingKubeconfig().clientConfig();
  }

  /**
   * As {@link #kubeconfig()}, with a named context instead of the current one.
   *
   * @param context the context's name
   * @return the configuration
   * @throws KubeConfigException when no kubeconfig exists, the context is not defined, or it lacks or
   *     misstates what is needed
   */
  public ClientConfig kubeconfig(String context) {
    return existingKubeconfig().clientConfig(Objects.requireNonNull(context, "context"));
  }

  /**
   * Reads one kubeconfig file and uses its current context.
   *
   * @param file the file
   * @return the configuration
   * @throws KubeConfigException when the file cannot be read, or lacks or misstates what is needed
   */
  public ClientConfig kubeconfig(Path file) {
    return Kubeconfig.load(List.of(Objects.requireNonNull(file, "file"))).clientConfig();
  }

  /**
   * Reads one kubeconfig file and uses a named context.
   *
   * @param file the file
   * @param context the context's name
   * @return the configuration
   * @throws KubeConfigException when the file cannot be read, the context is not defined, or it lacks or
   *     misstates what is needed
   */
  public ClientConfig kubeconfig(Path file, String context) {
    return Kubeconfig.load(List.of(Objects.requireNonNull(file, "file"))).clientConfig(
        Objects.requireNonNull(context, "context"));
  }

  /**
   * Configures from the pod's service account: server {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT},
   * the token file (re-read as the kubelet rotates it), {@code ca.crt} when present, and the namespace from
   * {@code POD_NAMESPACE}, else the {@code namespace} file, else {@code default}.
   *
   * @return the configuration
   * @throws KubeConfigException when the variables are not set or the token cannot be read
   */
  public ClientConfig inCluster() {
    String problem = inClusterProblem();
    if (problem != null) {
      throw new KubeConfigException("not running in a Kubernetes pod: " + problem);
    }
    String host = environment.get("KUBERNETES_SERVICE_HOST");
    String port = environment.get("KUBERNETES_SERVICE_PORT");
    String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    ClientConfig.Builder builder = ClientConfig.builder()
        .bearerTokenFile(serviceAccountDirectory.resolve("token"));
    try {
      builder.server(URI.create("https://" + authority + ":" + port));
    } catch (IllegalArgumentException e) {
      throw new KubeConfigException("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (\"" + host + "\", \"" + port
          + "\") do not form a URL");
    }
    Path ca = serviceAccountDirectory.resolve("ca.crt");
    if (Files.isRegularFile(ca)) {
      builder.certificateAuthorityFile(ca);
    }
    String namespace = environment.get("POD_NAMESPACE");
    if (namespace == null || namespace.isBlank()) {
      namespace = readNamespaceFile();
    }
    if (namespace != null) {
      builder.namespace(namespace);
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new KubeConfigException("in-cluster configuration from " + serviceAccountDirectory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Configures the way client-go and kubectl do: from the kubeconfig when one exists ({@code KUBECONFIG}
   * or {@code ~/.kube/config}), else from the pod's service account.
   *
   * @return the configuration
   * @throws KubeConfigException when neither exists (the message lists what was tried), or the kubeconfig
   *     found is invalid
   */
  public ClientConfig autoConfigure() {
    List<Path> files = kubeconfigFiles();
    if (!files.isEmpty()) {
      return Kubeconfig.load(files).clientConfig();
    }
    String problem = inClusterProblem();
    if (problem == null) {
      return inCluster();
    }
    throw new KubeConfigException("no Kubernetes configuration found. Tried: " + kubeconfigTried()
        + "; in-cluster: " + problem
        + ". Set KUBECONFIG, create ~/.kube/config (e.g. with your cluster's CLI), or run in a pod.");
  }

  private Kubeconfig existingKubeconfig() {
    List<Path> files = kubeconfigFiles();
    if (files.isEmpty()) {
      throw new KubeConfigException("no kubeconfig found: " + kubeconfigTried());
    }
    return Kubeconfig.load(files);
  }

  /** The kubeconfig files that exist, in priority order. */
  private List<Path> kubeconfigFiles() {
    List<Path> out = new ArrayList<>();
    for (Path p : kubeconfigCandidates()) {
      if (Files.isRegularFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** KUBECONFIG's entries (empty ones and repeats dropped), or ~/.kube/config. */
  private List<Path> kubeconfigCandidates() {
    String list = environment.get("KUBECONFIG");
    if (list == null || list.isBlank()) {
      return List.of(homeDirectory.resolve(".kube").resolve("config"));
    }
    Set<Path> out = new LinkedHashSet<>();
    for (String entry : list.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        out.add(Path.of(entry.strip()));
      }
    }
    return List.copyOf(out);
  }

  private String kubeconfigTried() {
    String list = environment.get("KUBECONFIG");
    if (list == null || list.isBlank()) {
      return homeDirectory.resolve(".kube").resolve("config") + " (KUBECONFIG is not set) does not exist";
    }
    return "KUBECONFIG=" + list + " names no existing file";
  }

  /** Why in-cluster configuration is impossible, or null when it is possible. */
  private String inClusterProblem() {
    String host = environment.get("KUBERNETES_SERVICE_HOST");
    String port = environment.get("KUBERNETES_SERVICE_PORT");
    if (host == null || host.isBlank() || port == null || port.isBlank()) {
      return "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set";
    }
    Path token = serviceAccountDirectory.resolve("token");
    if (!Files.isReadable(token)) {
      return "the service account token " + token + " cannot be read (is automountServiceAccountToken off?)";
    }
    return null;
  }

  private String readNamespaceFile() {
    Path file = serviceAccountDirectory.resolve("namespace");
    try {
      String ns = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
      return ns.isEmpty() ? null : ns;
    } catch (java.io.IOException e) {
      throw new KubeConfigException("cannot read the service account namespace " + file + ": " + e, e);
    }
  }

  /** Describes where the loader looks; the environment's values stay out (they may hold secrets). */
  @Override
  public String toString() {
    return "ConfigLoader{home=" + homeDirectory + ", serviceAccountDirectory=" + serviceAccountDirectory
        + ", environment=" + environment.size() + " variables}";
  }

  /** Builds a {@link ConfigLoader}. */
  public static final class Builder {
    private Map<String, String> environment = System.getenv();
    private Path homeDirectory;
    private Path serviceAccountDirectory = SERVICE_ACCOUNT_DIRECTORY;

    private Builder() {}

    /**
     * Replaces the environment variables consulted ({@code KUBECONFIG}, {@code HOME},
     * {@code KUBERNETES_SERVICE_HOST}, {@code KUBERNETES_SERVICE_PORT}, {@code POD_NAMESPACE}).
     *
     * @param environment name to value
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Replaces the home directory whose {@code .kube/config} is read when {@code KUBECONFIG} is unset; by
     * default {@code HOME} of the environment.
     *
     * @param home the directory
     * @return this builder
     */
    public Builder homeDirectory(Path home) {
      this.homeDirectory = Objects.requireNonNull(home, "home");
      return this;
    }

    /**
     * Replaces the directory with the service account's {@code token}, {@code ca.crt} and {@code namespace}.
     *
     * @param directory by default {@link #SERVICE_ACCOUNT_DIRECTORY}
     * @return this builder
     */
    public Builder serviceAccountDirectory(Path directory) {
      this.serviceAccountDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Builds the loader.
     *
     * @return the loader
     */
    public ConfigLoader build() {
      return new ConfigLoader(this);
    }
  }
}

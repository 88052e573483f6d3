package dev.skiff.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An exec credential plugin: a command that prints an {@code ExecCredential} (a bearer token and/or a client
 * certificate, with an optional expiry) on standard output, as used by {@code aws eks get-token},
 * {@code gke-gcloud-auth-plugin}, {@code kubelogin} and others. The kubeconfig's {@code users[].user.exec}.
 *
 * <p>Skiff runs the plugin non-interactively (standard input is closed and {@code KUBERNETES_EXEC_INFO}
 * says {@code interactive: false}), caches its credential until the credential's expiry, and runs it again
 * when the server rejects the credential with 401. Instances are immutable.
 *
 * <pre>{@code
 * ExecConfig exec = ExecConfig.builder()
 *     .command("aws")
 *     .args(List.of("eks", "get-token", "--cluster-name", "prod"))
 *     .env("AWS_PROFILE", "prod")
 *     .build();
 * }</pre>
 */
public final class ExecConfig {
  /** The {@code client.authentication.k8s.io/v1} API version, the default. */
  public static final String V1 = "client.authentication.k8s.io/v1";
  /** The {@code client.authentication.k8s.io/v1beta1} API version, still used by many plugins. */
  public static final String V1BETA1 = "client.authentication.k8s.io/v1beta1";

  private static final Set<String> API_VERSIONS = Set.of(V1, V1BETA1);

  private final String command;
  private final List<String> args;
  private final Map<String, String> env;
  private final String apiVersion;
  private final String installHint;
  private final boolean provideClusterInfo;

  private ExecConfig(Builder b) {
    if (b.command == null || b.command.isBlank()) {
      throw new IllegalArgumentException("exec plugin: command is required");
    }
    if (!API_VERSIONS.contains(b.apiVersion)) {
      throw new IllegalArgumentException("exec plugin: apiVersion \"" + b.apiVersion + "\" is not supported; use "
          + V1 + " or " + V1BETA1);
    }
    this.command = b.command;
    this.args = List.copyOf(b.args);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.apiVersion = b.apiVersion;
    this.installHint = b.installHint;
    this.provideClusterInfo = b.provideClusterInfo;
  }

  /**
   * Starts an exec plugin configuration.
   *
   * @return a builder with apiVersion {@link #V1}, no arguments and no extra environment
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this configuration's values, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder().command(command).args(args).apiVersion(apiVersion).provideClusterInfo(provideClusterInfo);
    b.env.putAll(env);
    b.installHint = installHint;
    return b;
  }

  /**
   * The command to run: a program name looked up on the {@code PATH}, or a path.
   *
   * @return the command
   */
  public String command() {
    return command;
  }

  /**
   * The command's arguments.
   *
   * @return the arguments, possibly empty; unmodifiable
   */
  public List<String> args() {
    return args;
  }

  /**
   * Variables added to the plugin's environment, which otherwise inherits this process's.
   *
   * @return name to value, in the configured order; unmodifiable
   */
  public Map<String, String> env() {
    return env;
  }

  /**
   * The {@code ExecCredential} API version requested from and expected of the plugin.
   *
   * @return {@link #V1} or {@link #V1BETA1}
   */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * What to tell the user when the command cannot be found, e.g. how to install it.
   *
   * @return the hint, if configured
   */
  public Optional<String> installHint() {
    return Optional.ofNullable(installHint);
  }

  /**
   * Whether the plugin is told the cluster's server, CA and TLS settings in {@code KUBERNETES_EXEC_INFO}.
   *
   * @return true to pass the cluster information
   */
  public boolean provideClusterInfo() {
    return provideClusterInfo;
  }

  /** Names the command and the environment variables, but no argument or variable values (they may be secret). */
  @Override
  public String toString() {
    return "ExecConfig{command=" + command + ", args=" + args.size() + " (hidden), env=" + env.keySet()
        + ", apiVersion=" + apiVersion + ", provideClusterInfo=" + provideClusterInfo + "}";
  }

  /** Builds an {@link ExecConfig}. */
  public static final class Builder {
    private String command;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String apiVersion = V1;
    private String installHint;
    private boolean provideClusterInfo;

    private Builder() {}

    /**
     * Sets the command to run.
     *
     * @param command a program name looked up on the {@code PATH}, or a path
     * @return this builder
     */
    public Builder command(String command) {
      this.command = Objects.requireNonNull(command, "command");
      return this;
    }

    /**
     * Replaces the command's arguments.
     *
     * @param args the arguments
     * @return this builder
     */
    public Builder args(List<String> args) {
      this.args.clear();
      for (String a : args) {
        this.args.add(Objects.requireNonNull(a, "args element"));
      }
      return this;
    }

    /**
     * Adds (or replaces) one variable of the plugin's environment.
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     */
    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the {@code ExecCredential} API version.
     *
     * @param apiVersion {@link #V1} or {@link #V1BETA1}
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    /**
     * Sets what to tell the user when the command cannot be found.
     *
     * @param installHint e.g. "Install the AWS CLI: https://aws.amazon.com/cli/"
     * @return this builder
     */
    public Builder installHint(String installHint) {
      this.installHint = Objects.requireNonNull(installHint, "installHint");
      return this;
    }

    /**
     * Sets whether the plugin is told the cluster's connection settings.
     *
     * @param provide true to pass them in {@code KUBERNETES_EXEC_INFO}
     * @return this builder
     */
    public Builder provideClusterInfo(boolean provide) {
      this.provideClusterInfo = provide;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException when the command is missing or the API version unsupported
     */
    public ExecConfig build() {
      return new ExecConfig(this);
    }
  }
}

package dev.skiff.client.internal;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.ExecConfig;
import dev.skiff.client.KubeConfigException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One or more kubeconfig files merged the way kubectl merges the {@code KUBECONFIG} list: for clusters,
 * users and contexts the first file that defines a name wins; the current context is the first file's that
 * sets one. Each entry remembers its file, against whose directory its relative paths are resolved. Not
 * public API: {@link dev.skiff.client.ConfigLoader} is.
 */
public final class Kubeconfig {
  /** A named cluster, user or context, as found in a file. */
  private record Entry(String kind, String name, Map<?, ?> body, Path file) {
    /** E.g. {@code user "alice" in /home/a/.kube/config}. */
    String where() {
      return kind + " \"" + name + "\" in " + file;
    }
  }

  private final List<Path> files;
  private final Map<String, Entry> clusters = new LinkedHashMap<>();
  private final Map<String, Entry> users = new LinkedHashMap<>();
  private final Map<String, Entry> contexts = new LinkedHashMap<>();
  private String currentContext;

  private Kubeconfig(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /**
   * Reads and merges kubeconfig files, earlier files winning.
   *
   * @param files the files, in priority order
   * @return the merged configuration
   * @throws KubeConfigException when a file cannot be read, is not YAML, or is not shaped like a kubeconfig
   */
  public static Kubeconfig load(List<Path> files) {
    Kubeconfig merged = new Kubeconfig(files);
    for (Path file : files) {
      merged.merge(file, parse(file));
    }
    return merged;
  }

  private static Map<?, ?> parse(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KubeConfigException("cannot read kubeconfig " + file + ": " + e, e);
    }
    if (text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---"))) {
      return Map.of(); // kubectl accepts an empty file
    }
    Object root;
    try {
      root = YamlTree.parse(text);
    } catch (YamlTree.MalformedYamlException e) {
      // Only where: the parser's own message can quote the offending line, which may hold a token.
      throw new KubeConfigException("kubeconfig " + file + " is not valid YAML"
          + (e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : ""));
    }
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new KubeConfigException("kubeconfig " + file + " is not a YAML mapping");
    }
    return map;
  }

  private void merge(Path file, Map<?, ?> root) {
    collect(file, root, "clusters", "cluster", clusters);
    collect(file, root, "users", "user", users);
    collect(file, root, "contexts", "context", contexts);
    Object current = root.get("current-context");
    if (currentContext == null && current instanceof String s && !s.isEmpty()) {
      currentContext = s;
    }
  }

  private static void collect(Path file, Map<?, ?> root, String listKey, String kind, Map<String, Entry> into) {
    Object list = root.get(listKey);
    if (list == null) {
      return;
    }
    if (!(list instanceof List<?> items)) {
      throw new KubeConfigException("kubeconfig " + file + ": " + listKey + " must be a list");
    }
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> item) || !(item.get("name") instanceof String name) || name.isEmpty()) {
        throw new KubeConfigException("kubeconfig " + file + ": " + listKey + "[" + i + "] has no name");
      }
      Object body = item.get(kind);
      if (body != null && !(body instanceof Map)) {
        throw new KubeConfigException("kubeconfig " + file + ": " + kind + " \"" + name + "\" must be a mapping");
      }
      into.putIfAbsent(name, new Entry(kind, name, body == null ? Map.of() : (Map<?, ?>) body, file));
    }
  }

  /**
   * The configuration of the current context.
   *
   * @return the configuration
   * @throws KubeConfigException when no current context is set, or it (or its cluster or user) is missing or
   *     invalid
   */
  public ClientConfig clientConfig() {
    if (currentContext == null) {
      throw new KubeConfigException("no current-context is set in " + fileList() + "; choose one of the contexts "
          + contexts.keySet());
    }
    return clientConfig(currentContext);
  }

  /**
   * The configuration of a named context.
   *
   * @param contextName the context
   * @return the configuration
   * @throws KubeConfigException when the context, its cluster or its user is missing or invalid
   */
  public ClientConfig clientConfig(String contextName) {
    Entry context = contexts.get(contextName);
    if (context == null) {
      throw new KubeConfigException("context \"" + contextName + "\" is not defined in " + fileList()
          + " (defined: " + String.join(", ", contexts.keySet()) + ")");
    }
    String clusterName = string(context, "cluster");
    if (clusterName == null) {
      throw new KubeConfigException(context.where() + " names no cluster");
    }
    Entry cluster = clusters.get(clusterName);
    if (cluster == null) {
      throw new KubeConfigException(context.where() + " refers to cluster \"" + clusterName
          + "\", which is not defined in " + fileList());
    }
    String userName = string(context, "user");
    Entry user = null;
    if (userName != null) {
      user = users.get(userName);
      if (user == null) {
        throw new KubeConfigException(context.where() + " refers to user \"" + userName
            + "\", which is not defined in " + fileList());
      }
    }
    ClientConfig.Builder builder = ClientConfig.builder();
    String namespace = string(context, "namespace");
    if (namespace != null) {
      builder.namespace(namespace);
    }
    applyCluster(cluster, builder);
    if (user != null) {
      applyUser(user, builder);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new KubeConfigException(context.where() + " (" + cluster.where()
          + (user == null ? "" : ", " + user.where()) + "): " + e.getMessage(), e);
    }
  }

  private static void applyCluster(Entry cluster, ClientConfig.Builder builder) {
    String server = string(cluster, "server");
    if (server == null) {
      throw new KubeConfigException(cluster.where() + " has no server");
    }
    try {
      builder.server(server);
    } catch (IllegalArgumentException e) {
      throw new KubeConfigException(cluster.where() + ": server \"" + server + "\" is not a URL");
    }
    String caData = string(cluster, "certificate-authority-data");
    String caFile = string(cluster, "certificate-authority");
    if (caData != null) {
      builder.certificateAuthorityPem(base64(cluster, "certificate-authority-data", caData));
    } else if (caFile != null) {
      builder.certificateAuthorityFile(resolve(cluster, caFile));
    }
    builder.insecureSkipTlsVerify(bool(cluster, "insecure-skip-tls-verify"));
    String serverName = string(cluster, "tls-server-name");
    if (serverName != null) {
      builder.tlsServerName(serverName);
    }
    String proxy = string(cluster, "proxy-url");
    if (proxy != null) {
      try {
        builder.proxy(URI.create(proxy));
      } catch (IllegalArgumentException e) {
        throw new KubeConfigException(cluster.where() + ": proxy-url is not a URL");
      }
    }
  }

  private static void applyUser(Entry user, ClientConfig.Builder builder) {
    if (user.body().get("auth-provider") instanceof Map<?, ?> provider) {
      throw new KubeConfigException(user.where() + " uses the auth-provider \"" + provider.get("name")
          + "\", which Skiff does not support (nor does kubectl since 1.26); use an exec plugin instead, e.g. "
          + "gke-gcloud-auth-plugin or kubelogin");
    }
    String token = string(user, "token");
    if (token != null) {
      builder.bearerToken(token);
    }
    String tokenFile = string(user, "tokenFile");
    if (tokenFile != null) {
      builder.bearerTokenFile(resolve(user, tokenFile));
    }
    String certData = string(user, "client-certificate-data");
    String keyData = string(user, "client-key-data");
    String certFile = string(user, "client-certificate");
    String keyFile = string(user, "client-key");
    if (certData != null || keyData != null || certFile != null || keyFile != null) {
      if (certData == null && certFile == null || keyData == null && keyFile == null) {
        throw new KubeConfigException(user.where() + " has a client " + (certData == null && certFile == null
            ? "key but no client-certificate(-data)" : "certificate but no client-key(-data)"));
      }
      builder.clientCertificatePem(
          certData != null ? base64(user, "client-certificate-data", certData) : readFile(user, certFile),
          keyData != null ? base64(user, "client-key-data", keyData) : readFile(user, keyFile));
    }
    String username = string(user, "username");
    String password = string(user, "password");
    if (username != null || password != null) {
      builder.basicAuth(username == null ? "" : username, password == null ? "" : password);
    }
    if (user.body().get("exec") != null) {
      builder.exec(exec(user));
    }
    String as = string(user, "as");
    if (as != null) {
      builder.impersonateUser(as);
    }
    List<String> groups = strings(user, user.body(), "as-groups");
    if (!groups.isEmpty()) {
      builder.impersonateGroups(groups);
    }
  }

  private static ExecConfig exec(Entry user) {
    if (!(user.body().get("exec") instanceof Map<?, ?> exec)) {
      throw new KubeConfigException(user.where() + ": exec must be a mapping");
    }
    String command = stringIn(user, exec, "command");
    if (command == null) {
      throw new KubeConfigException(user.where() + ": exec has no command");
    }
    String apiVersion = stringIn(user, exec, "apiVersion");
    if (apiVersion == null) {
      throw new KubeConfigException(user.where() + ": exec has no apiVersion (use " + ExecConfig.V1 + ")");
    }
    if ("Always".equals(stringIn(user, exec, "interactiveMode"))) {
      throw new KubeConfigException(user.where() + ": the exec plugin requires interactiveMode Always, but Skiff "
          + "never runs plugins interactively");
    }
    // A command with a path separator is a path, relative to the kubeconfig's directory; a bare name is
    // looked up on the PATH.
    if (command.indexOf('/') >= 0 || command.indexOf(File.separatorChar) >= 0) {
      command = resolve(user, command).toString();
    }
    ExecConfig.Builder builder = ExecConfig.builder().command(command).apiVersion(apiVersion)
        .args(strings(user, exec, "args"));
    Object env = exec.get("env");
    if (env != null) {
      if (!(env instanceof List<?> vars)) {
        throw new KubeConfigException(user.where() + ": exec.env must be a list of {name, value}");
      }
      for (Object v : vars) {
        if (!(v instanceof Map<?, ?> var) || !(var.get("name") instanceof String name)) {
          throw new KubeConfigException(user.where() + ": exec.env must be a list of {name, value}");
        }
        String value = stringIn(user, var, "value");
        builder.env(name, value == null ? "" : value);
      }
    }
    String hint = stringIn(user, exec, "installHint");
    if (hint != null) {
      builder.installHint(hint);
    }
    builder.provideClusterInfo(bool(user, exec, "provideClusterInfo"));
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new KubeConfigException(user.where() + ": " + e.getMessage(), e);
    }
  }

  private String fileList() {
    return files.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  private static String string(Entry entry, String key) {
    return stringIn(entry, entry.body(), key);
  }

  /** A scalar's text; null when absent or empty. */
  private static String stringIn(Entry entry, Map<?, ?> map, String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      throw new KubeConfigException(entry.where() + ": " + key + " must be a string");
    }
    String s = v.toString();
    return s.isEmpty() ? null : s;
  }

  private static List<String> strings(Entry entry, Map<?, ?> map, String key) {
    Object v = map.get(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> list)) {
      throw new KubeConfigException(entry.where() + ": " + key + " must be a list of strings");
    }
    for (Object o : list) {
      if (o == null || o instanceof Map || o instanceof List) {
        throw new KubeConfigException(entry.where() + ": " + key + " must be a list of strings");
      }
      out.add(o.toString());
    }
    return out;
  }

  private static boolean bool(Entry entry, String key) {
    return bool(entry, entry.body(), key);
  }

  /** A YAML 1.1 boolean, as Go's YAML reader understands kubeconfigs; false when absent. */
  private static boolean bool(Entry entry, Map<?, ?> map, String key) {
    Object v = map.get(key);
    if (v == null) {
      return false;
    }
    switch (v.toString().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "y":
        return true;
      case "false", "no", "off", "n":
        return false;
      default:
        throw new KubeConfigException(entry.where() + ": " + key + " must be true or false");
    }
  }

  /**
   * Decodes a {@code *-data} field strictly except for line breaks and spaces, as Go does; the message names
   * the field, never its contents.
   */
  private static String base64(Entry entry, String key, String data) {
    try {
      return new String(Base64.getDecoder().decode(data.replaceAll("\\s+", "")), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new KubeConfigException(entry.where() + ": " + key + " is not valid base64");
    }
  }

  private static Path resolve(Entry entry, String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : entry.file().toAbsolutePath().getParent().resolve(p).normalize();
  }

  private static String readFile(Entry entry, String path) {
    Path file = resolve(entry, path);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KubeConfigException(entry.where() + ": cannot read " + file + ": " + e, e);
    }
  }
}

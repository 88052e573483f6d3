package dev.skiff.watch;

import dev.skiff.model.Selector;
import dev.skiff.model.meta.v1.LabelSelector;
import java.util.Objects;
import java.util.Optional;

/**
 * Which objects of a resource type a list, a watch or an informer covers: one namespace or all of them, a
 * label selector and a field selector. Immutable; two scopes with the same parts are equal, which is how the
 * {@link SharedInformerFactory} shares one watch between consumers.
 *
 * <pre>{@code
 * Scope.allNamespaces()
 * Scope.namespace("shop").withLabels("app=web,tier in (fe,be)").withFields("status.phase=Running")
 * }</pre>
 */
public final class Scope {
  private static final Scope ALL = new Scope("", Selector.everything(), "");

  private final String namespace;
  private final Selector labels;
  private final String fields;

  private Scope(String namespace, Selector labels, String fields) {
    this.namespace = namespace;
    this.labels = labels;
    this.fields = fields;
  }

  /**
   * Every object in every namespace (and every cluster-scoped object).
   *
   * @return the scope with no restriction
   */
  public static Scope allNamespaces() {
    return ALL;
  }

  /**
   * The objects of one namespace.
   *
   * @param namespace the namespace, not empty
   * @return the scope
   */
  public static Scope namespace(String namespace) {
    if (Objects.requireNonNull(namespace, "namespace").isEmpty()) {
      throw new IllegalArgumentException("empty namespace: use Scope.allNamespaces()");
    }
    return new Scope(namespace, Selector.everything(), "");
  }

  /**
   * A copy restricted to objects whose labels match.
   *
   * @param selector the label selector
   * @return the new scope
   */
  public Scope withLabels(Selector selector) {
    return new Scope(namespace, Objects.requireNonNull(selector, "selector"), fields);
  }

  /**
   * A copy restricted to objects whose labels match a selector written as text.
   *
   * @param selector the label selector text, e.g. {@code app=web}
   * @return the new scope
   * @throws dev.skiff.model.InvalidSelectorException when the text is not a valid selector
   */
  public Scope withLabels(String selector) {
    return withLabels(Selector.parse(selector));
  }

  /**
   * A copy restricted to objects whose labels match a selector in object form (as in a Deployment's
   * {@code spec.selector}).
   *
   * @param selector the label selector object
   * @return the new scope
   */
  public Scope withLabels(LabelSelector selector) {
    return withLabels(Selector.from(selector));
  }

  /**
   * A copy restricted by a field selector, which the server evaluates, e.g. {@code metadata.name=web}.
   *
   * @param selector the field selector text; empty for none
   * @return the new scope
   */
  public Scope withFields(String selector) {
    return new Scope(namespace, labels, Objects.requireNonNull(selector, "selector").strip());
  }

  /**
   * The namespace, if the scope is one namespace.
   *
   * @return the namespace, or empty for all namespaces
   */
  public Optional<String> namespace() {
    return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
  }

  /**
   * The label selector; {@link Selector#everything()} when unrestricted.
   *
   * @return the label selector
   */
  public Selector labels() {
    return labels;
  }

  /**
   * The field selector text; empty when unrestricted.
   *
   * @return the field selector
   */
  public String fields() {
    return fields;
  }

  /** Equal when namespace, label selector and field selector are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Scope s && s.namespace.equals(namespace) && s.labels.equals(labels)
        && s.fields.equals(fields);
  }

  /** A hash consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(namespace, labels, fields);
  }

  /** For messages, e.g. {@code namespace=shop labels=app=web}. */
  @Override
  public String toString() {
    return (namespace.isEmpty() ? "all namespaces" : "namespace=" + namespace)
        + (labels.isEmpty() ? "" : " labels=" + labels) + (fields.isEmpty() ? "" : " fields=" + fields);
  }
}

package dev.skiff.fake;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that starts a {@link FakeCluster} per test or per test class, injects it, and closes it
 * afterwards (JUnit closes it with the test's or class's context).
 *
 * <p>Injection: parameters of type {@code FakeCluster} of test methods, lifecycle methods and constructors;
 * non-final fields of type {@code FakeCluster} (static ones too for a per-class cluster). A cluster starts on
 * first use, so tests that ask for none cost nothing.
 *
 * <p>Register it with {@link WithFakeCluster} (or {@code @ExtendWith(FakeClusterExtension.class)}, one
 * cluster per test with the defaults), or programmatically for full control of the settings:
 *
 * <pre>{@code
 * class WatchTest {
 *   @RegisterExtension
 *   static final FakeClusterExtension CLUSTER =
 *       FakeClusterExtension.perClass(FakeCluster.builder().watchHistorySize(5).preloadYaml(FIXTURES));
 *
 *   @Test
 *   void resumes(FakeCluster cluster) { ... }
 * }
 * }</pre>
 *
 * <p>Requires JUnit Jupiter 5.13 or newer (clusters are closed as {@link AutoCloseable} store values).
 */
public final class FakeClusterExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeClusterExtension.class);

  /** Settings when the extension is registered declaratively: from {@link WithFakeCluster}, if present. */
  private final Optional<FakeCluster.Builder> builder;
  private final Optional<Boolean> perClass;

  /**
   * The extension as {@code @ExtendWith} and {@link WithFakeCluster} create it: settings from the test
   * class's {@link WithFakeCluster} annotation, or the defaults with one cluster per test.
   */
  public FakeClusterExtension() {
    this.builder = Optional.empty();
    this.perClass = Optional.empty();
  }

  private FakeClusterExtension(FakeCluster.Builder builder, boolean perClass) {
    this.builder = Optional.of(builder);
    this.perClass = Optional.of(perClass);
  }

  /**
   * One cluster for each test, with these settings.
   *
   * @param builder the settings; see {@link FakeCluster#builder()}
   * @return the extension, for a {@code @RegisterExtension} field
   */
  public static FakeClusterExtension perMethod(FakeCluster.Builder builder) {
    return new FakeClusterExtension(Objects.requireNonNull(builder, "builder"), false);
  }

  /**
   * One cluster shared by all tests of the class, with these settings.
   *
   * @param builder the settings; see {@link FakeCluster#builder()}
   * @return the extension, for a static {@code @RegisterExtension} field
   */
  public static FakeClusterExtension perClass(FakeCluster.Builder builder) {
    return new FakeClusterExtension(Objects.requireNonNull(builder, "builder"), true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    if (perClass(context)) {
      injectFields(context, null, context.getRequiredTestClass());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectFields(context, instance, instance.getClass());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  /** Constructors see the test method's context, so a per-test cluster can be injected there as well. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  /** Non-final fields of type FakeCluster: static ones when {@code instance} is null, instance ones otherwise. */
  private void injectFields(ExtensionContext context, Object instance, Class<?> type) throws IllegalAccessException {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getType() != FakeCluster.class || Modifier.isFinal(field.getModifiers())
            || Modifier.isStatic(field.getModifiers()) != (instance == null)) {
          continue;
        }
        field.setAccessible(true);
        field.set(instance, cluster(context));
      }
    }
  }

  /** The cluster for this context: started on first use and stored where JUnit closes it at the right time. */
  private FakeCluster cluster(ExtensionContext context) {
    ExtensionContext owner = perClass(context) ? classContext(context) : methodContext(context);
    return owner.getStore(NAMESPACE).getOrComputeIfAbsent(this, key -> settings(context).start(), FakeCluster.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent()) {
      c = c.getParent().orElseThrow();
    }
    return c;
  }

  private static ExtensionContext methodContext(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("a per-test FakeCluster exists only within a test: use "
          + "@WithFakeCluster(perClass = true) or FakeClusterExtension.perClass(...) to use it in @BeforeAll, "
          + "static fields or constructors of PER_CLASS test instances");
    }
    return context;
  }

  private boolean perClass(ExtensionContext context) {
    return perClass.orElseGet(() -> annotation(context).map(WithFakeCluster::perClass).orElse(false));
  }

  private FakeCluster.Builder settings(ExtensionContext context) {
    if (builder.isPresent()) {
      return builder.get();
    }
    FakeCluster.Builder b = FakeCluster.builder();
    Optional<WithFakeCluster> a = annotation(context);
    if (a.isPresent()) {
      b = b.tls(a.get().tls());
      if (!a.get().bearerToken().isEmpty()) {
        b = b.bearerToken(a.get().bearerToken());
      }
    }
    return b;
  }

  /** The annotation on the test class or, for {@code @Nested} classes, the nearest enclosing class. */
  private static Optional<WithFakeCluster> annotation(ExtensionContext context) {
    for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
      Optional<WithFakeCluster> found = AnnotationSupport.findAnnotation(c, WithFakeCluster.class);
      if (found.isPresent()) {
        return found;
      }
    }
    if (context.getTestClass().isEmpty()) {
      throw new ExtensionConfigurationException("FakeClusterExtension needs a test class");
    }
    return Optional.empty();
  }
}

package dev.skiff.fake.registry;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The per-kind write rules of one fake API server, and the allocation state they share (service cluster IPs
 * and node ports). Create one per server.
 *
 * <p>How the API layer drives a {@link Strategy}:
 *
 * <ol>
 *   <li><b>create</b>: set {@code metadata.namespace} from the URL; {@link Strategy#prepareForCreate} (catch
 *       {@link AdmissionDeniedException}: answer 403 with its {@link AdmissionDeniedException#status()});
 *       generate the name from {@code generateName}, set uid and creationTimestamp;
 *       {@link Strategy#validate} (non-empty: answer 422 with {@link Strategy#invalidStatus}); check for an
 *       existing object; {@link Strategy#allocate} with {@code old = null} (non-empty: 422); store (if storing
 *       fails, {@link Strategy#release}).</li>
 *   <li><b>update</b> (PUT, PATCH): fill uid, creationTimestamp and, for an unconditional update,
 *       resourceVersion from the stored object; {@link Strategy#prepareForUpdate} or, for {@code /status},
 *       {@link Strategy#prepareForStatusUpdate}; {@link Strategy#validateUpdate} or
 *       {@link Strategy#validateStatusUpdate} (422); {@link Strategy#allocate} with the stored object (422);
 *       store.</li>
 *   <li><b>delete</b>: {@link Strategy#gracePeriodSeconds} says whether the object goes at once or gets a
 *       deletionTimestamp first; once it is removed from storage, {@link Strategy#release}.</li>
 * </ol>
 */
public final class Registry {
  private final Map<String, Strategy> strategies = new LinkedHashMap<>();

  /**
   * Creates the registry with a secure random source for generated volume names, cluster IPs and node ports.
   *
   * @param lookup read access to stored objects (the pod admission looks up ServiceAccounts)
   */
  public Registry(ObjectLookup lookup) {
    this(lookup, new SecureRandom());
  }

  /**
   * Creates the registry.
   *
   * @param lookup read access to stored objects (the pod admission looks up ServiceAccounts)
   * @param random the source of generated volume names, cluster IPs and node ports; a seeded one makes tests
   *     repeatable
   */
  public Registry(ObjectLookup lookup, RandomGenerator random) {
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(random, "random");
    ServiceAllocator allocator = new ServiceAllocator(random);
    add(new PodStrategy(new PodAdmission(lookup, random)));
    add(new ServiceStrategy(allocator));
    add(SimpleStrategy.endpoints());
    add(new ConfigMapStrategy());
    add(new SecretStrategy());
    add(SimpleStrategy.event());
    add(new NamespaceStrategy());
    add(SimpleStrategy.node());
    add(WorkloadStrategy.replicationController());
    add(SimpleStrategy.serviceAccount());
    add(WorkloadStrategy.deployment());
    add(WorkloadStrategy.replicaSet());
    add(SimpleStrategy.lease());
  }

  private void add(Strategy strategy) {
    strategies.put(strategy.kind(), strategy);
  }

  /**
   * The strategy of a served kind.
   *
   * @param kind the kind, e.g. {@code Pod}
   * @return its strategy
   * @throws IllegalArgumentException when the kind is not served
   */
  public Strategy strategy(String kind) {
    Strategy s = strategies.get(kind);
    if (s == null) {
      throw new IllegalArgumentException("no strategy for kind " + kind + "; served kinds: " + strategies.keySet());
    }
    return s;
  }

  /**
   * The kinds this registry has strategies for.
   *
   * @return the kinds, e.g. {@code Pod}, {@code Service}, {@code Deployment}
   */
  public Set<String> kinds() {
    return strategies.keySet();
  }
}

package dev.skiff.watch;

import dev.skiff.client.ResourceClient;
import dev.skiff.client.error.AlreadyExistsException;
import dev.skiff.client.error.ConflictException;
import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.coordination.v1.LeaseSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.watch.leader.LeaseConflictException;
import dev.skiff.watch.leader.LeaseStore;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LeaseStore} over a real {@code coordination.k8s.io/v1} Lease: 404 reads as no lease, and both 409
 * answers (AlreadyExists on create, Conflict on a stale update) as {@link LeaseConflictException}.
 */
final class KubeLeaseStore implements LeaseStore {
  private final ResourceClient<Lease> leases;
  private final String name;

  KubeLeaseStore(ResourceClient<Lease> leases, String name) {
    this.leases = Objects.requireNonNull(leases, "leases");
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public Optional<Lease> get() {
    return leases.find(name);
  }

  @Override
  public Lease create(LeaseSpec spec) {
    Lease lease = Lease.builder().metadata(ObjectMeta.builder().name(name).build()).spec(spec).build();
    try {
      return leases.create(lease);
    } catch (AlreadyExistsException | ConflictException e) {
      throw new LeaseConflictException("lease " + leases.namespace() + "/" + name + " exists: " + e.getMessage());
    }
  }

  @Override
  public Lease update(Lease current, LeaseSpec spec) {
    try {
      // current keeps its metadata.resourceVersion, which makes the PUT conditional.
      return leases.update(current.withSpec(spec));
    } catch (ConflictException e) {
      throw new LeaseConflictException("lease " + leases.namespace() + "/" + name + " changed: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "lease " + leases.namespace() + "/" + name;
  }
}

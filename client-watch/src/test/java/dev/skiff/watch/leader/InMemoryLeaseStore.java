package dev.skiff.watch.leader;

import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.coordination.v1.LeaseSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.util.Optional;

/** One lease in memory with resource versions and 409 conflicts, as the API server keeps it. */
final class InMemoryLeaseStore {
  private Lease lease;
  private long version;

  /** A view of the store for one candidate, whose connection a test can cut. */
  final class Client implements LeaseStore {
    boolean partitioned;

    @Override
    public Optional<Lease> get() {
      check();
      synchronized (InMemoryLeaseStore.this) {
        return Optional.ofNullable(lease);
      }
    }

    @Override
    public Lease create(LeaseSpec spec) {
      check();
      synchronized (InMemoryLeaseStore.this) {
        if (lease != null) {
          throw new LeaseConflictException("leases \"leader\" already exists");
        }
        lease = Lease.builder().metadata(ObjectMeta.builder().namespace("kube-system").name("leader")
            .resourceVersion(Long.toString(++version)).build()).spec(spec).build();
        return lease;
      }
    }

    @Override
    public Lease update(Lease current, LeaseSpec spec) {
      check();
      synchronized (InMemoryLeaseStore.this) {
        if (lease == null || !lease.metadata().resourceVersion().equals(current.metadata().resourceVersion())) {
          throw new LeaseConflictException("the object has been modified");
        }
        lease = lease.withSpec(spec)
            .withMetadata(lease.metadata().withResourceVersion(Long.toString(++version)));
        return lease;
      }
    }

    private void check() {
      if (partitioned) {
        throw new IllegalStateException("connection refused");
      }
    }
  }

  Client client() {
    return new Client();
  }

  synchronized Lease lease() {
    return lease;
  }
}

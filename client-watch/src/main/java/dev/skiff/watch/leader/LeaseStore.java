package dev.skiff.watch.leader;

import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.coordination.v1.LeaseSpec;
import java.util.Optional;

/**
 * Access to the one Lease a {@link LeaderElector} competes for (its namespace and name are the store's
 * business). Writes use optimistic concurrency: a write based on a stale read fails with
 * {@link LeaseConflictException}. Any other exception counts as a failed attempt and is retried.
 */
public interface LeaseStore {

  /**
   * Reads the lease.
   *
   * @return the lease, or empty when it does not exist
   */
  Optional<Lease> get();

  /**
   * Creates the lease.
   *
   * @param spec its spec
   * @return the created lease, with its resource version
   * @throws LeaseConflictException when it exists already (409 AlreadyExists)
   */
  Lease create(LeaseSpec spec);

  /**
   * Replaces the lease's spec, if the lease is still at the resource version of {@code current}.
   *
   * @param current the lease as read, whose {@code metadata.resourceVersion} the write is conditional on
   * @param spec the new spec
   * @return the updated lease, with its new resource version
   * @throws LeaseConflictException when the lease changed since it was read (409 Conflict)
   */
  Lease update(Lease current, LeaseSpec spec);
}

/**
 * Storage of the fake API server: objects held as serialized JSON plus small index records, one cluster-wide
 * resourceVersion counter, a bounded history of writes for watches and consistent pagination, a label index,
 * and the watchers, all behind one lock.
 */
package dev.skiff.fake.store;

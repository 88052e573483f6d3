package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An informer's cache: objects by key, plus one inverted index per {@link IndexFunction}, as client-go's
 * {@code threadSafeStore}. Readers take the read lock themselves; the informer holds the write lock around
 * each change and its delivery to subscribers, so that both happen in one step.
 */
final class IndexedStore<T extends KubernetesObject> implements Lister<T> {
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final NavigableMap<ObjectKey, T> items = new TreeMap<>();
  private final Map<String, IndexFunction<T>> indexers = new HashMap<>();
  private final Map<String, Map<String, Set<ObjectKey>>> indices = new HashMap<>();

  IndexedStore() {
    addIndex(IndexFunction.NAMESPACE, IndexFunction.byNamespace());
  }

  /** Adds an index over what is cached already. Needs the write lock. */
  void addIndex(String name, IndexFunction<T> function) {
    if (indexers.putIfAbsent(name, function) != null) {
      throw new IllegalArgumentException("index " + name + " exists already");
    }
    Map<String, Set<ObjectKey>> index = new HashMap<>();
    indices.put(name, index);
    for (Map.Entry<ObjectKey, T> e : items.entrySet()) {
      for (String value : function.values(e.getValue())) {
        index.computeIfAbsent(value, v -> new TreeSet<>()).add(e.getKey());
      }
    }
  }

  /** Adds or replaces an object. Needs the write lock. */
  void put(T object) {
    ObjectKey key = ObjectKey.of(object);
    T old = items.put(key, object);
    if (old != null) {
      unindex(key, old);
    }
    for (Map.Entry<String, IndexFunction<T>> e : indexers.entrySet()) {
      Map<String, Set<ObjectKey>> index = indices.get(e.getKey());
      for (String value : e.getValue().values(object)) {
        index.computeIfAbsent(value, v -> new TreeSet<>()).add(key);
      }
    }
  }

  /** Removes an object if cached. Needs the write lock. */
  void remove(ObjectKey key) {
    T old = items.remove(key);
    if (old != null) {
      unindex(key, old);
    }
  }

  /** The cached objects, without taking the lock: for the informer, which holds it. */
  Collection<T> values() {
    return items.values();
  }

  private void unindex(ObjectKey key, T old) {
    for (Map.Entry<String, IndexFunction<T>> e : indexers.entrySet()) {
      Map<String, Set<ObjectKey>> index = indices.get(e.getKey());
      for (String value : e.getValue().values(old)) {
        Set<ObjectKey> keys = index.get(value);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
          index.remove(value);
        }
      }
    }
  }

  @Override
  public Optional<T> get(ObjectKey key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(items.get(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<T> list() {
    return list(Selector.everything());
  }

  @Override
  public List<T> list(Selector labels) {
    lock.readLock().lock();
    try {
      List<T> result = new ArrayList<>();
      for (T object : items.values()) {
        if (labels.matches(object.metadata().labels())) {
          result.add(object);
        }
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<T> list(String namespace, Selector labels) {
    List<T> result = byIndex(IndexFunction.NAMESPACE, namespace);
    result.removeIf(object -> !labels.matches(object.metadata().labels()));
    return result;
  }

  @Override
  public List<T> byIndex(String indexName, String value) {
    lock.readLock().lock();
    try {
      Map<String, Set<ObjectKey>> index = indices.get(indexName);
      if (index == null) {
        throw new IllegalArgumentException("no index named " + indexName + "; there are " + indices.keySet());
      }
      List<T> result = new ArrayList<>();
      for (ObjectKey key : index.getOrDefault(value, Set.of())) {
        result.add(items.get(key));
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return items.size();
    } finally {
      lock.readLock().unlock();
    }
  }
}

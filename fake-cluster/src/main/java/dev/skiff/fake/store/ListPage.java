package dev.skiff.fake.store;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the matching objects in key order
 * @param resourceVersion the counter value the list reflects
 * @param nextKey the key after which the next page starts, null when this is the last page
 * @param remaining how many further objects exist after this page (counted only when asked), else -1
 */
public record ListPage(List<StoredObject> items, long resourceVersion, String nextKey, long remaining) {}

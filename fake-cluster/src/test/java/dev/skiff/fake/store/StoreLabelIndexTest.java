package dev.skiff.fake.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.model.Selector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lists by label are served from the label index, which holds objects: it must always mirror the stored state. */
class StoreLabelIndexTest {

  private final Store store = new Store(100, 0);

  @Test
  void a_list_by_label_returns_the_current_objects_in_key_order() throws Exception {
    put(null, "default", "b", "web");
    put(null, "default", "a", "web");
    put(null, "other", "c", "web");
    put(null, "default", "d", "batch");

    assertThat(names(list("default", "app=web", null))).containsExactly("a", "b");
    assertThat(names(list(null, "app=web", null))).containsExactly("a", "b", "c");
    assertThat(names(list("default", "app in (web,batch)", null))).containsExactly("a", "b", "d");
    assertThat(names(list("default", "app=web", "default/a"))).containsExactly("b");
    assertThat(list("default", "app=none", null)).isEmpty();
  }

  @Test
  void a_list_served_from_the_index_still_applies_every_other_requirement_and_test() throws Exception {
    put(null, "default", "a", "web");
    put(null, "default", "b", "web");
    put(null, "other", "c", "web");
    store.put(null, rv -> new StoredObject("pods", "default", "e", "uid-e", rv, Map.of("app", "web", "tier", "front"),
        Map.of(), object("default", "e", "web", rv).json(), "\"kind\":\"Pod\",\"apiVersion\":\"v1\",".length()));

    assertThat(names(list("default", "app=web,tier=front", null))).containsExactly("e");
    assertThat(names(list("default", "app=web,tier!=front", null))).containsExactly("a", "b");
    assertThat(names(list(new WatchFilter("pods", "default", Selector.parse("app=web"), o -> !o.name().equals("a")),
        null))).containsExactly("b", "e");
    assertThat(names(list(new WatchFilter("pods", null, Selector.parse("app in (web)"), o -> o.name().equals("c")),
        null))).containsExactly("c");
  }

  @Test
  void relabelled_and_deleted_objects_leave_the_index() throws Exception {
    StoredObject a = put(null, "default", "a", "web");
    StoredObject relabelled = put(a, "default", "a", "batch");

    assertThat(list("default", "app=web", null)).isEmpty();
    assertThat(list("default", "app=batch", null)).containsExactly(relabelled);

    store.delete(relabelled, rv -> object("default", "a", "batch", rv));
    assertThat(list("default", "app=batch", null)).isEmpty();
  }

  @Test
  void a_write_that_names_no_previous_object_still_replaces_the_stored_one_in_the_index() throws Exception {
    put(null, "default", "a", "web");
    StoredObject replacement = put(null, "default", "a", "batch");

    assertThat(list("default", "app=web", null)).isEmpty();
    assertThat(list("default", "app=batch", null)).containsExactly(replacement);
  }

  private StoredObject put(StoredObject previous, String namespace, String name, String app) {
    return store.put(previous, rv -> object(namespace, name, app, rv));
  }

  private List<StoredObject> list(String namespace, String selector, String startAfter) throws ExpiredException {
    return list(new WatchFilter("pods", namespace, Selector.parse(selector), o -> true), startAfter);
  }

  private List<StoredObject> list(WatchFilter filter, String startAfter) throws ExpiredException {
    return store.list(filter, startAfter, 0, 0, false).items();
  }

  private static List<String> names(List<StoredObject> objects) {
    return objects.stream().map(StoredObject::name).toList();
  }

  private static StoredObject object(String namespace, String name, String app, long rv) {
    byte[] json = ("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    return new StoredObject("pods", namespace, name, "uid-" + name, rv, Map.of("app", app), Map.of(), json,
        "\"kind\":\"Pod\",\"apiVersion\":\"v1\",".length());
  }
}

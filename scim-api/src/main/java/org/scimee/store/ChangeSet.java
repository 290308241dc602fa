package org.scimee.store;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a modification (a PATCH) changed in the client attributes of a resource, so that a store can apply deltas
 * instead of rewriting everything: adding one member to a group of 100,000 is one {@link Change.AddValues}.
 *
 * <p>A change set is computed from the attributes before and after (see {@link #between}); it holds:
 * <ul>
 *   <li>{@link Change.AddValues} / {@link Change.RemoveValues} when a multi-valued attribute only lost some
 *       elements and gained others at its end;</li>
 *   <li>{@link Change.SetValue} for everything else: a single value changed, or the elements of an array were
 *       changed in place or reordered (the whole new array is given; e.g. a filtered replace of one e-mail's
 *       {@code value}, or moving {@code primary} from one element to another);</li>
 *   <li>{@link Change.Clear} for an attribute that became unassigned, or a whole extension object that
 *       disappeared.</li>
 * </ul>
 * {@code schemas} is always a {@link Change.SetValue}. Invariant: {@code between(a, b).applyTo(a).equals(b)}.
 *
 * @param changes the changes, at most one per attribute, in no particular order
 */
public record ChangeSet(List<Change> changes) {

    /** Looked up once: {@code JSON.createXxx} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    /** The attribute holding the schema URNs of a resource. */
    private static final String SCHEMAS = "schemas";

    public ChangeSet {
        changes = List.copyOf(changes);
    }

    /** No change at all. */
    public static ChangeSet empty() {
        return new ChangeSet(List.of());
    }

    /** Whether nothing changed (a store may skip the write, and keep the version). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * The changes that turn {@code before} into {@code after}, both attributes of one resource in canonical form
     * (extension attributes in an object under a key containing {@code ':'}, which attribute names cannot).
     */
    public static ChangeSet between(JsonObject before, JsonObject after) {
        List<Change> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            JsonValue old = before.get(key);
            JsonValue now = after.get(key);
            if (key.indexOf(':') >= 0 && old instanceof JsonObject oldObject && now instanceof JsonObject newObject) {
                diffContainer(key, oldObject, newObject, changes);
            } else if (key.indexOf(':') >= 0 && old == null && now instanceof JsonObject newObject) {
                diffContainer(key, JsonValue.EMPTY_JSON_OBJECT, newObject, changes);
            } else {
                diff(null, key, old, now, changes);
            }
        }
        return new ChangeSet(changes);
    }

    private static void diffContainer(String urn, JsonObject before, JsonObject after, List<Change> changes) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            diff(urn, key, before.get(key), after.get(key), changes);
        }
    }

    private static void diff(String extension, String attribute, JsonValue old, JsonValue now, List<Change> changes) {
        if (isUnassigned(now)) {
            if (old != null) {
                changes.add(new Change.Clear(extension, attribute));
            }
            return;
        }
        if (now.equals(old)) {
            return;
        }
        if (old instanceof JsonArray oldArray && now instanceof JsonArray newArray
                && !(extension == null && attribute.equals(SCHEMAS))) {
            // elements of old that are gone; what is left of old must be the start of now, the rest was appended
            Set<JsonValue> remaining = new HashSet<>(newArray);
            List<JsonValue> removed = new ArrayList<>();
            Set<JsonValue> removedSet = new HashSet<>();
            List<JsonValue> kept = new ArrayList<>();
            for (JsonValue element : oldArray) {
                if (remaining.contains(element)) {
                    kept.add(element);
                } else if (removedSet.add(element)) {
                    removed.add(element);
                }
            }
            if (kept.equals(newArray.subList(0, Math.min(kept.size(), newArray.size())))) {
                if (!removed.isEmpty()) {
                    changes.add(new Change.RemoveValues(extension, attribute, removed));
                }
                List<JsonValue> added = newArray.subList(kept.size(), newArray.size());
                if (!added.isEmpty()) {
                    changes.add(new Change.AddValues(extension, attribute, added));
                }
                return;
            }
        }
        changes.add(new Change.SetValue(extension, attribute, now));
    }

    private static boolean isUnassigned(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL
                || (value instanceof JsonArray array && array.isEmpty());
    }

    /**
     * The attributes after the changes, given the attributes {@code before} them: what a store that cannot apply
     * deltas writes. {@code before} is not modified (JSON-P objects are immutable).
     */
    public JsonObject applyTo(JsonObject before) {
        Map<String, JsonValue> top = new LinkedHashMap<>(before);
        Map<String, Map<String, JsonValue>> extensions = new LinkedHashMap<>();
        for (Change change : changes) {
            Map<String, JsonValue> container;
            if (change.extension() == null) {
                container = top;
            } else {
                container = extensions.computeIfAbsent(change.extension(), urn -> {
                    JsonValue existing = top.get(urn);
                    return existing instanceof JsonObject object ? new LinkedHashMap<>(object) : new LinkedHashMap<>();
                });
            }
            apply(change, container);
        }
        for (Map.Entry<String, Map<String, JsonValue>> extension : extensions.entrySet()) {
            if (extension.getValue().isEmpty()) {
                top.remove(extension.getKey());
            } else {
                top.put(extension.getKey(), object(extension.getValue()));
            }
        }
        return object(top);
    }

    private static void apply(Change change, Map<String, JsonValue> container) {
        String name = change.attribute();
        if (change instanceof Change.SetValue set) {
            container.put(name, set.value());
        } else if (change instanceof Change.Clear) {
            container.remove(name);
        } else if (change instanceof Change.AddValues add) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            if (container.get(name) instanceof JsonArray existing) {
                existing.forEach(array::add);
            }
            add.values().forEach(array::add);
            JsonArray result = array.build();
            if (result.isEmpty()) {
                container.remove(name);
            } else {
                container.put(name, result);
            }
        } else if (change instanceof Change.RemoveValues remove) {
            if (container.get(name) instanceof JsonArray existing) {
                Set<JsonValue> gone = new HashSet<>(remove.values());
                JsonArrayBuilder array = JSON.createArrayBuilder();
                int left = 0;
                for (JsonValue element : existing) {
                    if (!gone.contains(element)) {
                        array.add(element);
                        left++;
                    }
                }
                if (left == 0) {
                    container.remove(name);
                } else {
                    container.put(name, array.build());
                }
            }
        }
    }

    private static JsonObject object(Map<String, JsonValue> map) {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        map.forEach(builder::add);
        return builder.build();
    }
}

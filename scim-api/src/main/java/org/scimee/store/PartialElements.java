package org.scimee.store;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The partial view {@link ResourceStore#findPartial} returns: for each
 * top-level attribute named in an {@code elementsByValue} map, only the elements (JSON objects) whose {@code value}
 * member is a string equal, ignoring case ({@link Locale#ROOT}), to one of the attribute's names. Comparing ignoring
 * case keeps every element a {@code value eq "..."} filter can select, whether {@code value} is case-exact or not.
 */
public final class PartialElements {

    /** Looked up once: {@code JSON.createXxx} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private PartialElements() {
    }

    /**
     * {@code attributes} with each attribute named in {@code elementsByValue} (a top-level array, canonical name)
     * reduced to its named elements; an attribute left without elements is removed (RFC 7643 §2.5: empty means
     * unassigned). Other members are kept as they are.
     */
    public static JsonObject keep(JsonObject attributes, Map<String, Set<String>> elementsByValue) {
        if (elementsByValue.isEmpty()) {
            return attributes;
        }
        JsonObjectBuilder result = null;
        for (Map.Entry<String, Set<String>> named : elementsByValue.entrySet()) {
            JsonValue value = attributes.get(named.getKey());
            if (value == null) {
                continue;
            }
            if (result == null) {
                result = JSON.createObjectBuilder(attributes);
            }
            Set<String> keys = keys(named.getValue());
            JsonArrayBuilder kept = JSON.createArrayBuilder();
            int count = 0;
            if (value instanceof JsonArray array) {
                for (JsonValue element : array) {
                    if (matches(element, keys)) {
                        kept.add(element);
                        count++;
                    }
                }
            } else if (matches(value, keys)) {
                kept.add(value);
                count++;
            }
            if (count == 0) {
                result.remove(named.getKey());
            } else {
                result.add(named.getKey(), kept);
            }
        }
        return result == null ? attributes : result.build();
    }

    /** {@code resource} with {@link #keep} applied to its attributes. */
    public static StoredResource keep(StoredResource resource, Map<String, Set<String>> elementsByValue) {
        JsonObject kept = keep(resource.attributes(), elementsByValue);
        return kept == resource.attributes() ? resource
                : new StoredResource(resource.id(), resource.resourceType(), kept, resource.meta());
    }

    /** The names as {@link #matches} compares them: lower-cased with {@link Locale#ROOT}. */
    public static Set<String> keys(Set<String> values) {
        Set<String> keys = new HashSet<>(values.size() * 2);
        for (String value : values) {
            keys.add(value.toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    /** Whether {@code element} is an object whose {@code value} is a string whose lower-case form is in {@code keys}. */
    public static boolean matches(JsonValue element, Set<String> keys) {
        return element instanceof JsonObject object && object.get("value") instanceof JsonString string
                && keys.contains(string.getString().toLowerCase(Locale.ROOT));
    }

    /** A defensive, unmodifiable copy of an {@code elementsByValue} map. */
    public static Map<String, Set<String>> copy(Map<String, Set<String>> elementsByValue) {
        Map<String, Set<String>> copy = new HashMap<>();
        elementsByValue.forEach((name, values) -> copy.put(name, Set.copyOf(values)));
        return Map.copyOf(copy);
    }
}

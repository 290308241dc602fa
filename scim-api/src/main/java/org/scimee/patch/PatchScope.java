package org.scimee.patch;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.scimee.filter.Comparison;
import org.scimee.filter.ComparisonOperator;
import org.scimee.filter.Filter;
import org.scimee.filter.Literal;
import org.scimee.filter.Or;
import org.scimee.filter.PatchPath;
import org.scimee.path.AttributePath;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.Mutability;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Change;
import org.scimee.store.ChangeSet;
import org.scimee.store.PartialElements;

/**
 * Which elements of large multi-valued attributes a PATCH request needs to see, so that a caller can read a
 * {@linkplain org.scimee.store.ResourceStore#findPartial partial view} instead of the
 * whole resource (adding one member to a group of 100,000 reads one member, if any), run the {@link PatchEngine} on
 * it, and turn the result into a delta with {@link #changes}.
 *
 * <p><b>Candidates</b> (schema-driven, conservative): multi-valued complex attributes of the resource type's core
 * schema with a single-valued simple {@code value} sub-attribute, that are neither {@code required} (the engine
 * refuses removing the last value) nor {@code immutable} or {@code readOnly} (the engine refuses adding to a
 * non-empty one), and have no {@code primary} sub-attribute (the engine keeps {@code primary} exclusive over the
 * whole array). Extension attributes never are (an emptied extension changes {@code schemas}).
 *
 * <p><b>Value-keyed operations</b> on a candidate (every operation touching it must be one, else it is read whole):
 * <ul>
 *   <li>{@code add} with the attribute as path (no sub-attribute) and an array of objects each carrying a string
 *       {@code value}: the engine only compares the new elements with existing equal ones, which share their
 *       {@code value};</li>
 *   <li>{@code remove} with the attribute as path and a value (the lenient "remove these values" shape): an array of
 *       objects with a string {@code value}, or of bare strings;</li>
 *   <li>{@code remove} or {@code replace} whose value filter is {@code value eq "x"} or an {@code or} of such
 *       comparisons (string literals), with or without a sub-attribute after {@code ]}.</li>
 * </ul>
 * Anything else touching a candidate reads it whole (as does an {@code add}, or a filtered {@code replace}, naming
 * a {@code value} an earlier operation of the request removed: re-adding moves it to the end of the whole array): a path-less operation naming it (or any key that is not a
 * plain attribute or extension name), a whole-attribute {@code replace} or {@code remove}, a sub-attribute path
 * ({@code members.value}), another filter, a single (non-array) value, non-string {@code value}s. Candidates no
 * operation touches are read with no elements at all.
 */
public final class PatchScope {

    private final Map<String, Set<String>> elementsByValue;
    /** Attributes some operation may edit in place (a filtered replace, a filtered sub-attribute path). */
    private final Set<String> editedInPlace;

    private PatchScope(Map<String, Set<String>> elementsByValue, Set<String> editedInPlace) {
        this.elementsByValue = elementsByValue;
        this.editedInPlace = editedInPlace;
    }

    /** The scope of {@code request} on resources of {@code type}. */
    public static PatchScope of(SchemaRegistry registry, ResourceType type, PatchRequest request) {
        Objects.requireNonNull(request, "request");
        String core = type.schema();
        Map<String, Attribute> candidates = new LinkedHashMap<>();
        for (Attribute attribute : registry.coreSchema(type).attributes()) {
            if (isCandidate(attribute) && registry.common().attribute(attribute.name()).isEmpty()) {
                candidates.put(attribute.name(), attribute);
            }
        }
        Map<String, Set<String>> keyed = new LinkedHashMap<>();
        candidates.keySet().forEach(name -> keyed.put(name, new LinkedHashSet<>()));
        Set<String> whole = new HashSet<>();
        Set<String> inPlace = new HashSet<>();
        Map<String, Set<String>> removed = new HashMap<>();
        for (PatchOperation operation : request.operations()) {
            if (operation.path() == null) {
                pathless(type, operation.value(), candidates.keySet(), whole);
                continue;
            }
            PatchPath path = operation.path();
            String name = touched(path.attribute(), core, candidates.keySet());
            if (name == null) {
                continue;
            }
            Set<String> names = keys(operation, path);
            Set<String> lowered = names == null ? Set.of() : PartialElements.keys(names);
            Set<String> gone = removed.computeIfAbsent(name, k -> new HashSet<>());
            if (names == null || (operation.op() != PatchOperation.Op.REMOVE
                    && lowered.stream().anyMatch(gone::contains))) {
                // adding back what an earlier operation removed moves it to the end of the whole array
                whole.add(name);
            } else {
                if (operation.op() == PatchOperation.Op.REMOVE) {
                    gone.addAll(lowered);
                }
                keyed.get(name).addAll(names);
                if (path.valueFilter() != null
                        && (operation.op() != PatchOperation.Op.REMOVE || path.subAttribute() != null)) {
                    inPlace.add(name);
                }
            }
        }
        Map<String, Set<String>> result = new LinkedHashMap<>();
        keyed.forEach((name, values) -> {
            if (!whole.contains(name)) {
                result.put(name, Set.copyOf(values));
            }
        });
        return new PatchScope(java.util.Collections.unmodifiableMap(result), Set.copyOf(inPlace));
    }

    /**
     * What to read: canonical attribute name to the {@code value}s of the elements the request needs; attributes
     * not in the map are read whole. Empty when the whole resource is needed.
     */
    public Map<String, Set<String>> elementsByValue() {
        return elementsByValue;
    }

    /** Whether a partial view is enough. */
    public boolean isPartial() {
        return !elementsByValue.isEmpty();
    }

    /**
     * The change set to store, given the partial view the engine ran on and its result: the engine's changes for
     * every other attribute, and for the partially read ones the elements that went ({@link Change.RemoveValues})
     * and the elements appended ({@link Change.AddValues}). Empty when the result is not such a delta (an element
     * edited in place, or a reordering): then the caller must run the engine on the whole resource instead.
     */
    public Optional<ChangeSet> changes(JsonObject partial, PatchResult result) {
        List<Change> changes = new ArrayList<>();
        for (Change change : result.changes().changes()) {
            if (change.extension() != null || !elementsByValue.containsKey(change.attribute())) {
                changes.add(change);
            }
        }
        for (String name : elementsByValue.keySet()) {
            List<JsonValue> before = array(partial.get(name));
            List<JsonValue> after = array(result.attributes().get(name));
            Set<JsonValue> remaining = new HashSet<>(after);
            List<JsonValue> kept = new ArrayList<>();
            List<JsonValue> removed = new ArrayList<>();
            for (JsonValue element : before) {
                if (remaining.contains(element)) {
                    kept.add(element);
                } else if (!removed.contains(element)) {
                    removed.add(element);
                }
            }
            if (kept.size() > after.size() || !kept.equals(after.subList(0, kept.size()))) {
                return Optional.empty();
            }
            List<JsonValue> added = after.subList(kept.size(), after.size());
            if (!removed.isEmpty() && !added.isEmpty() && editedInPlace.contains(name)) {
                return Optional.empty(); // may be an edit in place, which the whole array would show in place
            }
            if (!removed.isEmpty()) {
                changes.add(new Change.RemoveValues(null, name, removed));
            }
            if (!added.isEmpty()) {
                changes.add(new Change.AddValues(null, name, List.copyOf(added)));
            }
        }
        return Optional.of(new ChangeSet(changes));
    }

    // ------------------------------------------------------------------------------------------ analysis

    private static boolean isCandidate(Attribute attribute) {
        if (!attribute.multiValued() || attribute.type() != AttributeType.COMPLEX || attribute.required()
                || attribute.mutability() == Mutability.IMMUTABLE || attribute.mutability() == Mutability.READ_ONLY) {
            return false;
        }
        boolean value = attribute.subAttributes().stream().anyMatch(sub -> sub.name().equals("value")
                && !sub.multiValued() && sub.type() != AttributeType.COMPLEX);
        boolean primary = attribute.subAttributes().stream().anyMatch(sub -> sub.name().equalsIgnoreCase("primary"));
        return value && !primary;
    }

    /** The candidate a path's attribute names, or {@code null}. */
    private static String touched(AttributePath path, String core, Set<String> candidates) {
        if (path.schema() != null && !path.schema().equalsIgnoreCase(core)) {
            return null;
        }
        for (String name : candidates) {
            if (name.equalsIgnoreCase(path.attribute())) {
                return name;
            }
        }
        return null;
    }

    /** A path-less operation: every candidate it may touch is read whole. */
    private static void pathless(ResourceType type, JsonValue value, Set<String> candidates, Set<String> whole) {
        if (!(value instanceof JsonObject object)) {
            whole.addAll(candidates);
            return;
        }
        for (String key : object.keySet()) {
            if (key.equalsIgnoreCase("schemas")) {
                continue;
            }
            boolean extension = type.extension(key).isPresent() && !key.equalsIgnoreCase(type.schema());
            if (extension) {
                continue; // extension attributes are never candidates
            }
            if (!AttributePath.isAttributeName(key)) {
                whole.addAll(candidates); // the core URN, or a path used as a key (tolerance)
                return;
            }
            for (String name : candidates) {
                if (name.equalsIgnoreCase(key)) {
                    whole.add(name);
                }
            }
        }
    }

    /** The {@code value}s a value-keyed operation names, or {@code null} if it is not one. */
    private static Set<String> keys(PatchOperation operation, PatchPath path) {
        if (path.attribute().subAttribute() != null) {
            return null;
        }
        JsonValue value = operation.value();
        if (path.valueFilter() == null) {
            if (path.subAttribute() != null || !(value instanceof JsonArray array)) {
                return null;
            }
            boolean add = operation.op() == PatchOperation.Op.ADD;
            if (!add && operation.op() != PatchOperation.Op.REMOVE) {
                return null;
            }
            Set<String> names = new LinkedHashSet<>();
            for (JsonValue item : array) {
                if (item instanceof JsonObject object && valueOf(object) instanceof JsonString string) {
                    names.add(string.getString());
                } else if (!add && item instanceof JsonString string) {
                    names.add(string.getString());
                } else if (!add && item.getValueType() == JsonValue.ValueType.NULL) {
                    continue;
                } else {
                    return null;
                }
            }
            return names;
        }
        if (operation.op() == PatchOperation.Op.ADD) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        return valueEqualities(path.valueFilter(), names) ? names : null;
    }

    /** Collects the literals of {@code value eq "x"} comparisons joined by {@code or}; false for any other filter. */
    private static boolean valueEqualities(Filter filter, Set<String> names) {
        if (filter instanceof Or or) {
            for (Filter operand : or.operands()) {
                if (!valueEqualities(operand, names)) {
                    return false;
                }
            }
            return true;
        }
        if (filter instanceof Comparison comparison && comparison.operator() == ComparisonOperator.EQ
                && comparison.path().schema() == null && comparison.path().subAttribute() == null
                && comparison.path().attribute().equalsIgnoreCase("value")
                && comparison.value() instanceof Literal.StringLiteral string) {
            names.add(string.value());
            return true;
        }
        return false;
    }

    private static JsonValue valueOf(JsonObject object) {
        JsonValue value = object.get("value");
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (member.getKey().equalsIgnoreCase("value")) {
                return member.getValue();
            }
        }
        return null;
    }

    private static List<JsonValue> array(JsonValue value) {
        if (value instanceof JsonArray array) {
            return array;
        }
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? List.of() : List.of(value);
    }
}

package org.scimee.jpa;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.Mutability;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

/**
 * Which attributes the store keeps as rows of {@code scim_element} instead of inside the resource's document: every
 * multi-valued complex attribute of a resource type's <em>core</em> schema with a single-valued {@code value}
 * sub-attribute and a {@code $ref} sub-attribute referring to resources (some {@code referenceTypes} entry other
 * than {@code external} and {@code uri}) that clients can write (not {@code readOnly}): {@code Group.members} in
 * the RFC 7643 schemas.
 * These are the attributes that grow with the data (a group of 100,000 members) rather than with the resource;
 * the rest (e-mails, addresses, ...) stays in the document.
 *
 * <p>One row per element: {@code path} (the attribute's lower-case name, as in {@code scim_value}),
 * {@code position} (its order; appends take the largest plus one, removals leave gaps, a whole new array is
 * numbered from 0), {@code value_key} (the first {@value ValueRows#KEY_PREFIX} characters of its {@code value}, as
 * stored, for removals by value) and {@code element_json}. Its {@code scim_value} rows carry {@code position} as
 * their {@code element}, so value filters stay same-element.
 */
final class Elements {

    private final SchemaRegistry registry;
    private final Map<String, List<Attribute>> byType = new ConcurrentHashMap<>();

    Elements(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** The attributes of {@code type} kept as element rows, in schema order. */
    List<Attribute> of(ResourceType type) {
        return byType.computeIfAbsent(type.id(), ignored -> find(type));
    }

    /** The element attribute of {@code type} called {@code name} (the canonical spelling), if it is one. */
    Optional<Attribute> named(ResourceType type, String name) {
        for (Attribute attribute : of(type)) {
            if (attribute.name().equals(name)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    private List<Attribute> find(ResourceType type) {
        List<Attribute> found = new ArrayList<>();
        for (Attribute attribute : registry.coreSchema(type).attributes()) {
            // readOnly: clients never write it (User.groups), so there are no elements to keep, and looking for
            // rows of it would cost a query on every read
            if (!attribute.multiValued() || attribute.type() != AttributeType.COMPLEX
                    || attribute.mutability() == Mutability.READ_ONLY) {
                continue;
            }
            boolean value = attribute.subAttribute("value")
                    .filter(v -> !v.multiValued() && v.type() != AttributeType.COMPLEX).isPresent();
            boolean refersToResources = attribute.subAttribute("$ref").stream()
                    .flatMap(ref -> ref.referenceTypes().stream())
                    .anyMatch(t -> !t.equalsIgnoreCase("external") && !t.equalsIgnoreCase("uri"));
            if (value && refersToResources) {
                found.add(attribute);
            }
        }
        return List.copyOf(found);
    }

    /** The {@code path} column of an element attribute. */
    static String path(Attribute attribute) {
        return ValueRows.path(null, attribute, null);
    }

    /** Every {@code scim_value} path of an element attribute: its own and its sub-attributes'. */
    static List<String> valuePaths(Attribute attribute) {
        List<String> paths = new ArrayList<>();
        paths.add(ValueRows.path(null, attribute, null));
        for (Attribute sub : attribute.subAttributes()) {
            paths.add(ValueRows.path(null, attribute, sub));
        }
        return paths;
    }

    /** The {@code value_key} of an element: the prefix of its {@code value} string, or {@code null}. */
    static String valueKey(JsonValue element) {
        if (element instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                if (member.getKey().equalsIgnoreCase("value") && member.getValue() instanceof JsonString string) {
                    return ValueRows.prefix(string.getString());
                }
            }
        }
        return null;
    }
}

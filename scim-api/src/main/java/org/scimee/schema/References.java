package org.scimee.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which attributes refer to resources of a type, read from the schemas alone: every multi-valued complex attribute,
 * of any resource type (core schema or extension), with a {@code $ref} sub-attribute whose {@code referenceTypes}
 * names the type (by name or id, ignoring case) and a single-valued {@code value} sub-attribute holding the
 * referenced id ({@code Group.members}, {@code User.groups}, and any such attribute of a custom schema).
 *
 * <p>Stores use it so that deleting a resource removes the references to it, whatever the schemas are.
 */
public final class References {

    /**
     * One referring attribute.
     *
     * @param holder    the resource type whose resources carry it
     * @param urn       the extension schema URN holding it, or {@code null} for the core schema
     * @param attribute the multi-valued complex attribute
     * @param value     its {@code value} sub-attribute
     */
    public record Reference(ResourceType holder, String urn, Attribute attribute, Attribute value) {
    }

    private final SchemaRegistry registry;
    private final Map<String, List<Reference>> byTarget = new ConcurrentHashMap<>();

    public References(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** The attributes that can refer to resources of {@code target}. */
    public List<Reference> to(ResourceType target) {
        return byTarget.computeIfAbsent(target.id(), ignored -> find(target));
    }

    private List<Reference> find(ResourceType target) {
        List<Reference> found = new ArrayList<>();
        for (ResourceType holder : registry.resourceTypes()) {
            collect(found, target, holder, null, registry.coreSchema(holder));
            for (SchemaExtension extension : holder.schemaExtensions()) {
                Optional<Schema> schema = registry.schema(extension.schema());
                schema.ifPresent(s -> collect(found, target, holder, s.id(), s));
            }
        }
        return List.copyOf(found);
    }

    private static void collect(List<Reference> found, ResourceType target, ResourceType holder, String urn, Schema schema) {
        for (Attribute attribute : schema.attributes()) {
            if (!attribute.multiValued() || attribute.type() != AttributeType.COMPLEX) {
                continue;
            }
            Optional<Attribute> ref = attribute.subAttribute("$ref");
            Optional<Attribute> value = attribute.subAttribute("value")
                    .filter(v -> !v.multiValued() && v.type() != AttributeType.COMPLEX);
            if (ref.isPresent() && value.isPresent() && ref.get().referenceTypes().stream()
                    .anyMatch(t -> t.equalsIgnoreCase(target.name()) || t.equalsIgnoreCase(target.id()))) {
                found.add(new Reference(holder, urn, attribute, value.get()));
            }
        }
    }
}

package org.scimee.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Which attributes are derived rather than stored, read from the schemas alone: an attribute of a resource type T is
 * the <em>inverse</em> of an attribute of a resource type G when
 * <ul>
 *   <li>it is {@code readOnly}, multi-valued and complex, with a single-valued {@code value} and a {@code $ref}
 *       sub-attribute, and its {@code $ref} {@code referenceTypes} name G (by name or id, ignoring case);</li>
 *   <li>G's schemas (core or extension) have exactly one client-writable attribute ({@code readWrite} or
 *       {@code immutable}, not {@code writeOnly}: it must be readable to be queried) that {@link References} finds
 *       referring to T: multi-valued, complex, with {@code value} and a {@code $ref} naming T.</li>
 * </ul>
 * Its values are then the resources of G whose attribute lists the resource's id. For the RFC 7643 schemas that is
 * exactly {@code User.groups} from {@code Group.members}; {@code manager} of the Enterprise User extension is
 * single-valued and so is not one. A G with two such attributes (say {@code members} and {@code owners}) is
 * ambiguous and derives nothing; the log says so.
 */
public final class InverseReferences {

    private static final Logger LOG = Logger.getLogger(InverseReferences.class.getName());

    /**
     * One derived attribute.
     *
     * @param holder    the resource type whose resources carry it
     * @param urn       the extension schema URN holding it, or {@code null} for the core schema
     * @param attribute the derived attribute, e.g. {@code User.groups}
     * @param sources   the attributes it is the inverse of, one per referring resource type, in the order its
     *                  {@code referenceTypes} name them; never empty
     */
    public record Inverse(ResourceType holder, String urn, Attribute attribute, List<Source> sources) {
        public Inverse {
            sources = List.copyOf(sources);
        }
    }

    /**
     * One attribute a derived attribute is computed from.
     *
     * @param reference   the referring attribute and the resource type holding it, e.g. {@code Group.members}
     * @param displayName the referring type's core {@code displayName} when it is a single-valued string, else
     *                    {@code null}: the RFC 7643 schemas name their resources there (Group, User), so it is what
     *                    a derived element's {@code display} shows
     * @param nested      whether the referring attribute may also refer to its own resource type (a group in a
     *                    group), so that the derived values are found transitively
     */
    public record Source(References.Reference reference, Attribute displayName, boolean nested) {

        /** The resource type whose resources hold the referring attribute. */
        public ResourceType type() {
            return reference.holder();
        }
    }

    private final SchemaRegistry registry;
    private final References references;
    private final Map<String, List<Inverse>> byHolder = new ConcurrentHashMap<>();

    public InverseReferences(SchemaRegistry registry) {
        this.registry = registry;
        this.references = new References(registry);
    }

    /** The derived attributes of {@code type}, core schema first, then its extensions; usually none. */
    public List<Inverse> of(ResourceType type) {
        return byHolder.computeIfAbsent(type.id(), ignored -> find(type));
    }

    /**
     * The derived attribute {@code attribute} of {@code type} is, if it is one.
     *
     * @param urn the extension URN holding {@code attribute}, or {@code null} for the core schema and the common
     *            attributes
     */
    public Optional<Inverse> find(ResourceType type, String urn, Attribute attribute) {
        return of(type).stream()
                .filter(inverse -> inverse.attribute().named(attribute.name()))
                .filter(inverse -> inverse.urn() == null ? urn == null : inverse.urn().equalsIgnoreCase(urn))
                .findFirst();
    }

    private List<Inverse> find(ResourceType type) {
        List<Inverse> found = new ArrayList<>();
        collect(found, type, null, registry.coreSchema(type));
        for (SchemaExtension extension : type.schemaExtensions()) {
            registry.schema(extension.schema()).ifPresent(schema -> collect(found, type, schema.id(), schema));
        }
        return List.copyOf(found);
    }

    private void collect(List<Inverse> found, ResourceType type, String urn, Schema schema) {
        for (Attribute attribute : schema.attributes()) {
            if (attribute.mutability() != Mutability.READ_ONLY || !attribute.multiValued()
                    || attribute.type() != AttributeType.COMPLEX
                    || attribute.subAttribute("value").filter(v -> !v.multiValued() && v.type() != AttributeType.COMPLEX).isEmpty()) {
                continue;
            }
            Optional<Attribute> ref = attribute.subAttribute("$ref");
            if (ref.isEmpty()) {
                continue;
            }
            List<Source> sources = new ArrayList<>();
            for (String referenced : ref.get().referenceTypes()) {
                named(referenced).flatMap(referring -> source(type, referring, attribute))
                        .filter(source -> sources.stream().noneMatch(s -> s.type().id().equals(source.type().id())))
                        .ifPresent(sources::add);
            }
            if (!sources.isEmpty()) {
                found.add(new Inverse(type, urn, attribute, sources));
            }
        }
    }

    /** The one client-writable attribute of {@code referring} that refers to {@code type}, if there is exactly one. */
    private Optional<Source> source(ResourceType type, ResourceType referring, Attribute derived) {
        List<References.Reference> writable = references.to(type).stream()
                .filter(r -> r.holder().id().equals(referring.id()))
                .filter(r -> r.attribute().mutability() == Mutability.READ_WRITE
                        || r.attribute().mutability() == Mutability.IMMUTABLE)
                .toList();
        if (writable.size() != 1) {
            if (writable.size() > 1) {
                LOG.warning(() -> type.name() + "." + derived.name() + " is not derived: " + referring.name()
                        + " has several attributes referring to " + type.name() + " ("
                        + writable.stream().map(r -> r.attribute().name()).toList() + ")");
            }
            return Optional.empty();
        }
        References.Reference reference = writable.get(0);
        Attribute displayName = registry.coreSchema(referring).attribute("displayName")
                .filter(a -> a.type() == AttributeType.STRING && !a.multiValued())
                .orElse(null);
        boolean nested = references.to(referring).contains(reference);
        return Optional.of(new Source(reference, displayName, nested));
    }

    private Optional<ResourceType> named(String referenceType) {
        return registry.resourceTypes().stream()
                .filter(t -> t.name().equalsIgnoreCase(referenceType) || t.id().equalsIgnoreCase(referenceType))
                .findFirst();
    }
}

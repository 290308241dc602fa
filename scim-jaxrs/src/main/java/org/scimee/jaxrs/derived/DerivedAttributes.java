package org.scimee.jaxrs.derived;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.scimee.error.ForbiddenException;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.filter.Comparison;
import org.scimee.filter.ComparisonOperator;
import org.scimee.filter.Filter;
import org.scimee.filter.Literal;
import org.scimee.path.AttributePath;
import org.scimee.projection.Projection;
import org.scimee.schema.Attribute;
import org.scimee.schema.InverseReferences;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/**
 * Fills in the attributes a resource does not store but derives from others ({@link InverseReferences}): a user's
 * {@code groups} from the groups whose {@code members} list it. RFC 7643 §4.1.2: "A list of groups to which the user
 * belongs, either through direct membership, through nested groups, or dynamically calculated."
 *
 * <p>Promises: the attribute is computed only when the response's projection can return it
 * ({@code excludedAttributes=groups} costs nothing); it is computed through the store SPI only, for a whole page of
 * resources at once ({@link org.scimee.store.ResourceStore#query}: one query per referring type, per level of
 * nesting and per {@value #IDS_PER_QUERY} resources of that level, each paged through to the end; then, for a page
 * of several, one {@link org.scimee.store.ResourceStore#findPartial partial read} per resource found, to learn which
 * of them it lists without reading its other elements), so it works for every store; a
 * resource that nothing refers to has no such attribute (RFC 7643 §2.5: unassigned, not empty). Each element has
 * {@code value} (the referring resource's id), {@code $ref} (its URL, rendered like {@code meta.location}),
 * {@code display} (its {@code displayName}) and {@code type} ({@code direct}, or {@code indirect} when reached through
 * nesting; only where the schema lists those two as its canonical values, as RFC 7643 does for {@code groups}), as
 * far as the derived attribute defines those sub-attributes. Nesting is followed to
 * {@value #MAX_DEPTH} levels, each referring resource listed once, so cycles end.
 *
 * <p>A caller that may not query the referring type (its {@link org.scimee.security.Authorizer} refuses) gets the
 * resource without the attribute rather than an error, as does a store that cannot answer the filter (logged).
 */
@ApplicationScoped
public class DerivedAttributes {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(DerivedAttributes.class.getName());

    /** How many referring resources one query page reads. */
    static final int PAGE_SIZE = 500;
    /** How many ids of one nesting level one query asks for ({@code or}ed comparisons). */
    static final int IDS_PER_QUERY = 100;
    /** How many levels (direct, then each level of nesting) are followed at most. */
    static final int MAX_DEPTH = 32;

    private static final String DIRECT = "direct";
    private static final String INDIRECT = "indirect";

    /** How the derivation reads, and names, the resources it lists: as the current request may. */
    public interface Lookup {

        /** One page of {@code query} against {@code type}, for the current caller (authorized as a query). */
        QueryResult query(ResourceType type, ResourceQuery query);

        /**
         * The resource {@code id} of {@code type} with only the elements {@code elementsByValue} names
         * ({@link org.scimee.store.ResourceStore#findPartial}), for the current caller (authorized as a read).
         */
        StoredResource partial(ResourceType type, String id, Map<String, Set<String>> elementsByValue);

        /** The URL a response gives for the resource {@code id} of {@code type}. */
        String location(ResourceType type, String id);
    }

    private SchemaRegistry registry;
    private InverseReferences inverses;

    /** For CDI proxies. */
    public DerivedAttributes() {
    }

    @Inject
    public DerivedAttributes(SchemaRegistry registry) {
        this.registry = registry;
        this.inverses = new InverseReferences(registry);
    }

    /**
     * {@code representations} (full representations of the resources {@code ids} of {@code type}, in the same
     * order, e.g. from {@link StoredResource#toJson}) with each derived attribute {@code projection} can return set
     * to its computed value, or removed when it has none; the caller applies the projection afterwards. The
     * referring resources are looked up for the whole page at once, so a page of 100 users costs a query per level
     * of nesting and a partial read per group found, not a query per user.
     */
    public List<JsonObject> addTo(List<JsonObject> representations, ResourceType type, List<String> ids,
                                  Projection projection, Lookup lookup) {
        List<JsonObject> results = new ArrayList<>(representations);
        for (InverseReferences.Inverse inverse : inverses.of(type)) {
            AttributePath path = new AttributePath(inverse.urn(), inverse.attribute().name(), null);
            if (projection.includes(path)) {
                Map<String, List<JsonObject>> elements = compute(inverse, type, ids, projection, path, lookup);
                for (int i = 0; i < results.size(); i++) {
                    results.set(i, with(results.get(i), inverse, elements.getOrDefault(ids.get(i), List.of())));
                }
            }
        }
        return results;
    }

    private Map<String, List<JsonObject>> compute(InverseReferences.Inverse inverse, ResourceType type,
                                                  List<String> ids, Projection projection, AttributePath path,
                                                  Lookup lookup) {
        Attribute attribute = inverse.attribute();
        Optional<Attribute> display = attribute.subAttribute("display")
                .filter(sub -> projection.includes(path.withSubAttribute(sub.name())));
        Map<String, List<JsonObject>> elements = new HashMap<>();
        for (InverseReferences.Source source : inverse.sources()) {
            try {
                Attribute displayName = display.isPresent() ? source.displayName() : null;
                Referrers referrers = collect(source, displayName, ids, lookup);
                for (String id : ids) {
                    elements.computeIfAbsent(id, k -> new ArrayList<>())
                            .addAll(referrers.elementsFor(id, type, attribute, source, displayName, lookup));
                }
            } catch (ForbiddenException refused) {
                LOG.fine(() -> "caller may not read " + source.type().name() + ": " + type.name() + "."
                        + attribute.name() + " leaves those out");
            } catch (InvalidFilterException unsupported) {
                LOG.warning(() -> "the store of " + source.type().name() + " cannot answer the query " + type.name()
                        + "." + attribute.name() + " is computed with, so it is left out: " + unsupported.detail());
            }
        }
        return elements;
    }

    /**
     * The resources of {@code source}'s type that list any of {@code ids} (direct), then, when the type nests,
     * those listing one already found (indirect), level by level, each found once, with who lists whom.
     */
    private Referrers collect(InverseReferences.Source source, Attribute displayName, List<String> ids,
                              Lookup lookup) {
        ResourceType referring = source.type();
        Projection fields = Projection.of(registry, referring,
                List.of(displayName == null ? "id" : displayName.name()), null);
        // findPartial serves attributes of the core schema; one in an extension is asked about one id at a time,
        // so that everything a query finds lists that id
        int perQuery = source.reference().urn() == null ? IDS_PER_QUERY : 1;
        Referrers referrers = new Referrers();
        List<String> level = new ArrayList<>(new LinkedHashSet<>(ids));
        Set<String> asked = new HashSet<>(level);
        for (int depth = 0; !level.isEmpty(); depth++) {
            if (depth == MAX_DEPTH) {
                LOG.fine(() -> referring.name() + " nests deeper than " + MAX_DEPTH + " levels; the deeper ones are"
                        + " left out");
                break;
            }
            List<String> next = new ArrayList<>();
            for (int from = 0; from < level.size(); from += perQuery) {
                List<String> chunk = level.subList(from, Math.min(level.size(), from + perQuery));
                for (StoredResource found : all(lookup, referring, referringTo(source, chunk), fields)) {
                    for (String listed : listedBy(found, chunk, source, lookup)) {
                        referrers.add(listed, found);
                    }
                    if (asked.add(found.id())) {
                        next.add(found.id());
                    }
                }
            }
            if (!source.nested()) {
                break;
            }
            level = next;
        }
        return referrers;
    }

    /** Which of {@code chunk} the resource {@code found} lists: read from only those of its elements. */
    private static List<String> listedBy(StoredResource found, List<String> chunk, InverseReferences.Source source,
                                         Lookup lookup) {
        if (chunk.size() == 1) {
            return chunk; // the query matched on that one id
        }
        String attribute = source.reference().attribute().name();
        String value = source.reference().value().name();
        StoredResource partial;
        try {
            partial = lookup.partial(source.type(), found.id(), Map.of(attribute, Set.copyOf(chunk)));
        } catch (ResourceNotFoundException deletedMeanwhile) {
            return List.of();
        }
        // the same comparison the query made: members.value is not caseExact, so compare ignoring case
        Map<String, String> byKey = new HashMap<>();
        chunk.forEach(id -> byKey.put(key(source, id), id));
        List<String> listed = new ArrayList<>();
        if (partial.attributes().get(attribute) instanceof JsonArray elements) {
            for (JsonValue element : elements) {
                if (element instanceof JsonObject object && object.get(value) instanceof JsonString id
                        && byKey.containsKey(key(source, id.getString()))) {
                    listed.add(byKey.get(key(source, id.getString())));
                }
            }
        }
        return listed;
    }

    private static String key(InverseReferences.Source source, String id) {
        return source.reference().value().caseExact() ? id : id.toLowerCase(Locale.ROOT);
    }

    /** Who lists whom: for each id, the referring resources listing it themselves, in the order found. */
    private static final class Referrers {
        private final Map<String, Map<String, StoredResource>> listing = new HashMap<>();

        void add(String listed, StoredResource by) {
            listing.computeIfAbsent(listed, k -> new LinkedHashMap<>()).putIfAbsent(by.id(), by);
        }

        /** The elements for {@code id}: those listing it (direct), then those reached through them (indirect). */
        List<JsonObject> elementsFor(String id, ResourceType type, Attribute attribute, InverseReferences.Source source,
                                     Attribute displayName, Lookup lookup) {
            List<JsonObject> elements = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            if (source.type().id().equals(type.id())) {
                seen.add(id); // a resource is not listed as referring to itself through a cycle
            }
            List<StoredResource> level = new ArrayList<>(listing.getOrDefault(id, Map.of()).values());
            String kind = DIRECT;
            while (!level.isEmpty()) {
                List<StoredResource> next = new ArrayList<>();
                for (StoredResource found : level) {
                    if (seen.add(found.id())) {
                        elements.add(element(attribute, source.type(), found, displayName, kind, lookup));
                        next.addAll(listing.getOrDefault(found.id(), Map.of()).values());
                    }
                }
                level = next;
                kind = INDIRECT;
            }
            return elements;
        }
    }

    /** {@code members.value eq "<id>" or ...}, built as a filter tree: no filter text, so no quoting to get wrong. */
    private static Filter referringTo(InverseReferences.Source source, List<String> ids) {
        AttributePath value = new AttributePath(source.reference().urn(), source.reference().attribute().name(),
                source.reference().value().name());
        Filter filter = null;
        for (String id : ids) {
            Filter one = new Comparison(value, ComparisonOperator.EQ, Literal.of(id));
            filter = filter == null ? one : filter.or(one);
        }
        return filter;
    }

    /** Every match, page by page: a user may be in thousands of groups. */
    private static List<StoredResource> all(Lookup lookup, ResourceType type, Filter filter, Projection fields) {
        Map<String, StoredResource> found = new LinkedHashMap<>();
        for (int start = 1; ; ) {
            QueryResult page = lookup.query(type, new ResourceQuery(filter, Optional.empty(),
                    new Page.Index(start, PAGE_SIZE), fields));
            int before = found.size();
            page.resources().forEach(r -> found.putIfAbsent(r.id(), r));
            start += page.resources().size();
            // a short page is the last; so is one that brings nothing new (a store that ignores startIndex)
            if (page.resources().size() < PAGE_SIZE || found.size() == before || start > page.totalResults()) {
                return new ArrayList<>(found.values());
            }
        }
    }

    private static JsonObject element(Attribute attribute, ResourceType referring, StoredResource found,
                                      Attribute displayName, String kind, Lookup lookup) {
        JsonObjectBuilder element = JSON.createObjectBuilder();
        for (Attribute sub : attribute.subAttributes()) {
            // the sub-attributes RFC 7643 §2.4 gives multi-valued attributes; the schema says which exist
            switch (sub.name().toLowerCase(Locale.ROOT)) {
                case "value" -> element.add(sub.name(), found.id());
                // RFC 7643 §4.1.2: "the "$ref" sub-attribute must be the URI of the corresponding "Group" resources"
                case "$ref" -> element.add(sub.name(), lookup.location(referring, found.id()));
                case "display" -> {
                    if (displayName != null && found.attributes().get(displayName.name()) instanceof JsonString name) {
                        element.add(sub.name(), name);
                    }
                }
                // RFC 7643 §4.1.2: "The canonical types "direct" and "indirect" are defined to describe how the group
                // membership was derived."
                case "type" -> {
                    if (sub.canonicalValues().contains(DIRECT) && sub.canonicalValues().contains(INDIRECT)) {
                        element.add(sub.name(), kind);
                    }
                }
                default -> {
                    // other sub-attributes have nothing to derive them from
                }
            }
        }
        return element.build();
    }

    /** {@code representation} with the derived attribute set to {@code elements}, or removed when there are none. */
    private static JsonObject with(JsonObject representation, InverseReferences.Inverse inverse, List<JsonObject> elements) {
        String name = inverse.attribute().name();
        JsonArray array = null;
        if (!elements.isEmpty()) {
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            elements.forEach(builder::add);
            array = builder.build();
        }
        if (inverse.urn() == null) {
            return replaced(representation, name, array);
        }
        JsonObject extension = representation.get(inverse.urn()) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject result = replaced(representation, inverse.urn(), replaced(extension, name, array));
        if (array != null && result.get("schemas") instanceof JsonArray schemas
                && schemas.stream().noneMatch(s -> s instanceof JsonString u && u.getString().equalsIgnoreCase(inverse.urn()))) {
            result = replaced(result, "schemas", JSON.createArrayBuilder(schemas).add(inverse.urn()).build());
        }
        return result;
    }

    /**
     * {@code object} with member {@code key} (matched ignoring case) set to {@code value}, or removed for
     * {@code null}; a new member goes before {@code meta}, where the stored attributes end.
     */
    private static JsonObject replaced(JsonObject object, String key, JsonValue value) {
        JsonObjectBuilder result = JSON.createObjectBuilder();
        boolean placed = value == null;
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (member.getKey().equalsIgnoreCase(key)) {
                if (!placed) {
                    result.add(key, value);
                    placed = true;
                }
                continue;
            }
            if (!placed && member.getKey().equals("meta")) {
                result.add(key, value);
                placed = true;
            }
            result.add(member.getKey(), member.getValue());
        }
        if (!placed) {
            result.add(key, value);
        }
        return result.build();
    }
}

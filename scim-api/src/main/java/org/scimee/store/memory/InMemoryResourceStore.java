package org.scimee.store.memory;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.error.UniquenessException;
import org.scimee.event.ResourceEvent;
import org.scimee.projection.Projection;
import org.scimee.schema.Attribute;
import org.scimee.schema.References;
import org.scimee.schema.ResourceType;
import org.scimee.schema.Schema;
import org.scimee.schema.SchemaExtension;
import org.scimee.schema.SchemaRegistry;
import org.scimee.schema.Uniqueness;
import org.scimee.store.Change;
import org.scimee.store.ChangeSet;
import org.scimee.store.HeldResource;
import org.scimee.store.PartialElements;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceMeta;
import org.scimee.store.ResourceQuery;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * A {@link ResourceStore} in a map: for tests, demos and quick starts. Nothing survives a restart.
 *
 * <p>Queries are evaluated in memory ({@link InMemoryQuery}), O(n). Single-valued attributes (core or extension) with
 * {@code uniqueness: server} or {@code global} are unique per tenant and type, compared case-insensitively unless
 * the attribute is {@code caseExact}. Thread-safe: writes are serialised, reads see complete resources.
 */
public final class InMemoryResourceStore implements ResourceStore {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    private final SchemaRegistry registry;
    private final InMemoryQuery queries;
    private final Clock clock;
    private final References references;
    private final Map<String, Map<String, StoredResource>> resources = new HashMap<>();

    public InMemoryResourceStore(SchemaRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public InMemoryResourceStore(SchemaRegistry registry, Clock clock) {
        this.registry = registry;
        this.queries = new InMemoryQuery(registry);
        this.clock = clock;
        this.references = new References(registry);
    }

    @Override
    public synchronized StoredResource create(String tenant, ResourceType type, JsonObject attributes) {
        Map<String, StoredResource> table = table(tenant, type);
        requireUnique(type, table, attributes, null);
        Instant now = Instant.ofEpochMilli(clock.millis());
        StoredResource resource = new StoredResource(UUID.randomUUID().toString(), type.id(), attributes,
                new ResourceMeta(now, now, 1));
        table.put(resource.id(), resource);
        return resource;
    }

    @Override
    public synchronized Optional<StoredResource> find(String tenant, ResourceType type, String id) {
        return Optional.ofNullable(table(tenant, type).get(id));
    }

    @Override
    public synchronized StoredResource replace(String tenant, ResourceType type, String id, JsonObject attributes,
                                               OptionalLong expectedVersion) {
        Map<String, StoredResource> table = table(tenant, type);
        StoredResource current = existing(table, type, id, expectedVersion);
        requireUnique(type, table, attributes, id);
        StoredResource replaced = new StoredResource(id, type.id(), attributes, new ResourceMeta(current.meta().created(),
                Instant.ofEpochMilli(clock.millis()), current.meta().version() + 1));
        table.put(id, replaced);
        return replaced;
    }

    @Override
    public synchronized void delete(String tenant, ResourceType type, String id, OptionalLong expectedVersion) {
        remove(tenant, type, id, expectedVersion);
    }

    private List<ResourceEvent> remove(String tenant, ResourceType type, String id, OptionalLong expectedVersion) {
        Map<String, StoredResource> table = table(tenant, type);
        existing(table, type, id, expectedVersion);
        table.remove(id);
        return dereference(tenant, type, id);
    }

    /**
     * Deleting a resource removes the references to it ({@link References}), each holder getting a new version;
     * returns those changes as events.
     */
    private List<ResourceEvent> dereference(String tenant, ResourceType deleted, String id) {
        List<ResourceEvent> events = new ArrayList<>();
        for (References.Reference reference : references.to(deleted)) {
            Map<String, StoredResource> holders = table(tenant, reference.holder());
            for (StoredResource holder : List.copyOf(holders.values())) {
                JsonObject attributes = holder.attributes();
                JsonObject container = reference.urn() == null ? attributes
                        : attributes.get(reference.urn()) instanceof JsonObject extension ? extension : null;
                if (container == null || !(container.get(reference.attribute().name()) instanceof JsonArray elements)) {
                    continue;
                }
                JsonArrayBuilder kept = JSON.createArrayBuilder();
                List<JsonValue> removed = new ArrayList<>();
                for (JsonValue element : elements) {
                    if (element instanceof JsonObject object && object.get(reference.value().name()) instanceof JsonString value
                            && value.getString().equals(id)) {
                        removed.add(element);
                    } else {
                        kept.add(element);
                    }
                }
                if (removed.isEmpty()) {
                    continue;
                }
                JsonArray rest = kept.build();
                JsonObjectBuilder changed = JSON.createObjectBuilder(container);
                if (rest.isEmpty()) {
                    changed.remove(reference.attribute().name());
                } else {
                    changed.add(reference.attribute().name(), rest);
                }
                JsonObject result = reference.urn() == null ? changed.build()
                        : JSON.createObjectBuilder(attributes).add(reference.urn(), changed).build();
                StoredResource after = new StoredResource(holder.id(), holder.resourceType(), result, new ResourceMeta(
                        holder.meta().created(), Instant.ofEpochMilli(clock.millis()), holder.meta().version() + 1));
                holders.put(holder.id(), after);
                events.add(new ResourceEvent(ResourceEvent.Kind.PATCHED, tenant, holder.resourceType(), holder.id(),
                        Optional.of(holder), Optional.of(after), new ChangeSet(List.of(new Change.RemoveValues(
                                reference.urn(), reference.attribute().name(), removed)))));
            }
        }
        return events;
    }

    /**
     * Under the store's monitor, so no other writer can come between the work's reads and its write. Nothing is
     * rolled back: a work that writes and then throws keeps its write (the library's works write last).
     */
    @Override
    public synchronized <T> T modify(String tenant, ResourceType type, String id, Function<HeldResource, T> work) {
        existing(table(tenant, type), type, id, OptionalLong.empty());
        return work.apply(new HeldResource() {
            @Override
            public StoredResource read(Projection projection) {
                return existing(table(tenant, type), type, id, OptionalLong.empty());
            }

            @Override
            public StoredResource readPartial(Map<String, Set<String>> elementsByValue) {
                return PartialElements.keep(read(), elementsByValue);
            }

            @Override
            public StoredResource update(ChangeSet changes, Projection projection) {
                return InMemoryResourceStore.this.update(tenant, type, id, changes, OptionalLong.empty());
            }

            @Override
            public StoredResource replace(JsonObject attributes) {
                return InMemoryResourceStore.this.replace(tenant, type, id, attributes, OptionalLong.empty());
            }

            @Override
            public List<ResourceEvent> delete() {
                return remove(tenant, type, id, OptionalLong.empty());
            }
        });
    }

    @Override
    public QueryResult query(String tenant, ResourceType type, ResourceQuery query) {
        List<StoredResource> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(table(tenant, type).values());
        }
        return queries.answer(type, snapshot, query);
    }

    private Map<String, StoredResource> table(String tenant, ResourceType type) {
        return resources.computeIfAbsent(tenant + '\u0000' + type.id(), k -> new HashMap<>());
    }

    private static StoredResource existing(Map<String, StoredResource> table, ResourceType type, String id,
                                           OptionalLong expectedVersion) {
        StoredResource current = table.get(id);
        if (current == null) {
            throw new ResourceNotFoundException(type.name() + " " + id + " not found");
        }
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.meta().version()) {
            throw new PreconditionFailedException(type.name() + " " + id + " is at version " + current.meta().etag());
        }
        return current;
    }

    private void requireUnique(ResourceType type, Map<String, StoredResource> table, JsonObject attributes, String self) {
        requireUnique(type, table, attributes, self, registry.coreSchema(type), null);
        for (SchemaExtension extension : type.schemaExtensions()) {
            requireUnique(type, table, attributes, self, registry.schema(extension.schema()).orElseThrow(), extension.schema());
        }
    }

    /** {@code container} is the extension URN the schema's attributes live under, or null for the core schema. */
    private static void requireUnique(ResourceType type, Map<String, StoredResource> table, JsonObject attributes,
                                      String self, Schema schema, String container) {
        for (Attribute attribute : schema.attributes()) {
            if (attribute.uniqueness() == Uniqueness.NONE || attribute.multiValued()) {
                continue;
            }
            JsonValue value = valueOf(attributes, container, attribute);
            String key = uniqueKey(attribute, value);
            if (key == null) {
                continue;
            }
            for (StoredResource other : table.values()) {
                if (!other.id().equals(self) && key.equals(uniqueKey(attribute, valueOf(other.attributes(), container, attribute)))) {
                    throw new UniquenessException(attribute.name() + " " + value + " is already taken by another " + type.name());
                }
            }
        }
    }

    private static JsonValue valueOf(JsonObject attributes, String container, Attribute attribute) {
        JsonObject holder = container == null ? attributes
                : attributes.get(container) instanceof JsonObject extension ? extension : JsonValue.EMPTY_JSON_OBJECT;
        return holder.get(attribute.name());
    }

    private static String uniqueKey(Attribute attribute, JsonValue value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof JsonString string ? string.getString() : value.toString();
        return attribute.caseExact() ? text : text.toLowerCase(Locale.ROOT);
    }
}

package org.scimee.jpa;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.error.UniquenessException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceMeta;
import org.scimee.store.ResourceQuery;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * A {@link ResourceStore} on Jakarta Persistence: every resource type in the same tables, one transaction per call.
 *
 * <p>A resource is its JSON document in {@code scim_resource} (returned exactly as stored), plus, written in the
 * same transaction, its attribute values in {@code scim_value} ({@link ValueRows}) and its unique values in
 * {@code scim_unique}. Queries are answered by the database alone ({@link SqlQuery}, {@link SqlFilter}): filter,
 * order, page and count, with the in-memory evaluator's semantics; only the requested page is read, so memory use
 * does not grow with the number of stored resources.
 *
 * <p>Uniqueness: every single-valued attribute (core schema or extension) with {@code uniqueness} {@code server}
 * or {@code global} is unique per tenant and resource type, case-insensitively unless {@code caseExact}, enforced
 * by the primary key of {@code scim_unique}. A taken value is found by a look-up before the insert; a concurrent
 * writer that takes it between look-up and insert makes the insert fail with an integrity-constraint SQLSTATE
 * (class 23), which is reported as the same {@link UniquenessException}.
 *
 * <p>Deleting a resource removes the references to it, in the same transaction: every element of a referring
 * attribute ({@link References}: a multi-valued complex attribute whose {@code $ref} lists the deleted resource's
 * type and whose {@code value} is its id, e.g. a user in {@code Group.members}) is removed from the resources of the
 * same tenant that carry it, found through their {@code scim_value} rows; each such resource gets a new version.
 * No events are published for those changes (the store publishes none).
 *
 * <p>The tables come from the Flyway migrations ({@link Migrations}), run by {@link ScimPersistence#create}.
 * Changing a schema's {@code caseExact} or {@code uniqueness}, or an attribute's type, needs the affected
 * resources re-stored (their index rows are computed when they are written).
 *
 * <p>A unit of work the database rolls back as a deadlock victim or serialization failure (SQLSTATE class 40) is
 * tried again, up to three times in all. On MariaDB the store's connections use READ COMMITTED (see
 * {@link ScimPersistence#create}): under InnoDB's REPEATABLE READ, concurrent replaces deadlock on gap locks.
 * The attributes' projection is not pushed down: the page's documents are read whole (they are one column).
 *
 * <p>Thread-safe: it holds the factory and immutable helpers, and each call uses its own {@link EntityManager}.
 */
public class JpaResourceStore implements ResourceStore {

    private final EntityManagerFactory factory;
    private final SchemaRegistry registry;
    private final Clock clock;
    private final ValueRows valueRows;
    private final References references;

    public JpaResourceStore(EntityManagerFactory factory, SchemaRegistry registry) {
        this(factory, registry, Clock.systemUTC());
    }

    JpaResourceStore(EntityManagerFactory factory, SchemaRegistry registry, Clock clock) {
        this.factory = factory;
        this.registry = registry;
        this.clock = clock;
        this.valueRows = new ValueRows(registry);
        this.references = new References(registry);
    }

    @Override
    public StoredResource create(String tenant, ResourceType type, JsonObject attributes) {
        String id = UUID.randomUUID().toString();
        return inTransaction(em -> {
            long now = clock.millis();
            ResourceEntity entity = new ResourceEntity(tenant, type.id(), id, attributes.toString(), now, now, 1);
            em.persist(entity);
            em.flush();
            StoredResource resource = toResource(entity);
            index(em, tenant, type, resource, false);
            return resource;
        });
    }

    @Override
    public Optional<StoredResource> find(String tenant, ResourceType type, String id) {
        EntityManager em = factory.createEntityManager();
        try {
            return Optional.ofNullable(em.find(ResourceEntity.class, new ResourceEntity.Key(tenant, type.id(), id)))
                    .map(JpaResourceStore::toResource);
        } finally {
            em.close();
        }
    }

    @Override
    public StoredResource replace(String tenant, ResourceType type, String id, JsonObject attributes,
                                  OptionalLong expectedVersion) {
        return inTransaction(em -> {
            ResourceEntity entity = locked(em, tenant, type, id, expectedVersion);
            entity.replace(attributes.toString(), clock.millis());
            em.flush();
            StoredResource resource = toResource(entity);
            index(em, tenant, type, resource, true);
            return resource;
        });
    }

    @Override
    public void delete(String tenant, ResourceType type, String id, OptionalLong expectedVersion) {
        inTransaction(em -> {
            // scim_value and scim_unique rows go with it: ON DELETE CASCADE
            em.remove(locked(em, tenant, type, id, expectedVersion));
            em.flush();
            dereference(em, tenant, type, id);
            return null;
        });
    }

    /**
     * Removes the deleted resource from every attribute that refers to it ({@link References}): the elements whose
     * {@code value} is its id, in resources of the same tenant, found through their {@code scim_value} rows. Each
     * such resource is rewritten once (its version increases, its index rows are rewritten), in the delete's
     * transaction. Resources are locked in id order, so two deletes touching the same groups do not deadlock.
     */
    private void dereference(EntityManager em, String tenant, ResourceType deleted, String id) {
        Map<ResourceType, Set<String>> holders = new LinkedHashMap<>();
        Connection connection = em.unwrap(Connection.class);
        try {
            for (References.Reference reference : references.to(deleted)) {
                try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT resource_id FROM scim_value"
                        + " WHERE tenant = ? AND resource_type = ? AND path = ? AND k_key = ?")) {
                    Sql.bind(select, List.of(tenant, reference.holder().id(), reference.valuePath(),
                            ValueRows.prefix(ValueRows.key(reference.value(), id))));
                    try (ResultSet found = select.executeQuery()) {
                        while (found.next()) {
                            holders.computeIfAbsent(reference.holder(), t -> new TreeSet<>()).add(found.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("finding the references to " + deleted.name() + " " + id + " failed", e);
        }
        for (Map.Entry<ResourceType, Set<String>> holder : holders.entrySet()) {
            ResourceType type = holder.getKey();
            List<References.Reference> attributes = references.to(deleted).stream()
                    .filter(r -> r.holder().equals(type)).toList();
            for (String holderId : holder.getValue()) {
                ResourceEntity entity = em.find(ResourceEntity.class, new ResourceEntity.Key(tenant, type.id(), holderId),
                        LockModeType.PESSIMISTIC_WRITE);
                if (entity == null) {
                    continue;
                }
                JsonObject before = toResource(entity).attributes();
                JsonObject after = withoutReferences(before, attributes, id);
                if (!after.equals(before)) {
                    entity.replace(after.toString(), clock.millis());
                    em.flush();
                    index(em, tenant, type, toResource(entity), true);
                }
            }
        }
    }

    /** {@code attributes} without the elements of the referring attributes whose {@code value} is {@code id}. */
    private static JsonObject withoutReferences(JsonObject attributes, List<References.Reference> references, String id) {
        JsonObject result = attributes;
        for (References.Reference reference : references) {
            JsonObject container = reference.urn() == null ? result
                    : result.get(reference.urn()) instanceof JsonObject extension ? extension : null;
            if (container == null || !(container.get(reference.attribute().name()) instanceof JsonArray array)) {
                continue;
            }
            JsonArrayBuilder kept = Json.createArrayBuilder();
            int left = 0;
            boolean removed = false;
            for (JsonValue element : array) {
                if (element instanceof JsonObject object && object.get(reference.value().name()) instanceof JsonString value
                        && value.getString().equals(id)) {
                    removed = true;
                } else {
                    kept.add(element);
                    left++;
                }
            }
            if (!removed) {
                continue;
            }
            JsonObjectBuilder changed = Json.createObjectBuilder(container);
            if (left == 0) {
                changed.remove(reference.attribute().name());
            } else {
                changed.add(reference.attribute().name(), kept);
            }
            JsonObject newContainer = changed.build();
            if (reference.urn() == null) {
                result = newContainer;
            } else if (newContainer.isEmpty()) {
                result = Json.createObjectBuilder(result).remove(reference.urn()).build();
            } else {
                result = Json.createObjectBuilder(result).add(reference.urn(), newContainer).build();
            }
        }
        return result;
    }

    /** Answered by the database: see {@link SqlQuery}. */
    @Override
    public QueryResult query(String tenant, ResourceType type, ResourceQuery query) {
        return inTransaction(em -> {
            try {
                Connection connection = em.unwrap(Connection.class);
                return new SqlQuery(registry, type, tenant, query, !isH2(connection)).answer(connection);
            } catch (SQLException e) {
                throw new PersistenceException("query of " + type.name() + " resources failed", e);
            }
        });
    }

    private volatile Boolean h2;

    /** Whether the database is H2, which wants uncorrelated sub-selects (see {@link SqlFilter}); asked once. */
    private boolean isH2(Connection connection) throws SQLException {
        Boolean known = h2;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
            h2 = known;
        }
        return known;
    }

    /** Writes the resource's {@code scim_unique} and {@code scim_value} rows, replacing its old ones if {@code replacing}. */
    private void index(EntityManager em, String tenant, ResourceType type, StoredResource resource, boolean replacing) {
        Connection connection = em.unwrap(Connection.class);
        try {
            if (replacing) {
                for (String table : List.of("scim_unique", "scim_value")) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                            + " WHERE tenant = ? AND resource_type = ? AND resource_id = ?")) {
                        Sql.bind(delete, List.of(tenant, type.id(), resource.id()));
                        delete.executeUpdate();
                    }
                }
            }
            for (ValueRows.UniqueKey key : valueRows.uniqueKeys(type, resource.attributes())) {
                claim(connection, tenant, type, resource, key);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scim_value (tenant, resource_type,"
                    + " resource_id, path, element, k_key, v_key, v_sort, v_num, present, is_sort)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ValueRows.Row row : valueRows.rows(type, resource.toJson(type, ""))) {
                    Sql.bind(insert, List.of(tenant, type.id(), resource.id(), row.path(), row.element(),
                            orNull(row.keyPrefix()), orNull(row.key()), orNull(row.sort()),
                            row.number() == null ? Sql.NullOf.DECIMAL : row.number(),
                            row.present() ? 1 : 0, row.sortValue() ? 1 : 0));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new PersistenceException("writing the index rows of " + type.name() + " " + resource.id() + " failed", e);
        }
    }

    /** Inserts one unique value, or fails with 409 if another resource of the tenant and type has it. */
    private static void claim(Connection connection, String tenant, ResourceType type, StoredResource resource,
                              ValueRows.UniqueKey key) throws SQLException {
        List<Object> identity = List.of(tenant, type.id(), key.path(), key.valueKey());
        try (PreparedStatement taken = connection.prepareStatement("SELECT resource_id FROM scim_unique"
                + " WHERE tenant = ? AND resource_type = ? AND path = ? AND value_key = ?")) {
            Sql.bind(taken, identity);
            try (ResultSet found = taken.executeQuery()) {
                if (found.next()) {
                    throw taken(type, resource, key);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scim_unique"
                + " (tenant, resource_type, path, value_key, resource_id) VALUES (?, ?, ?, ?, ?)")) {
            Sql.bind(insert, List.of(tenant, type.id(), key.path(), key.valueKey(), resource.id()));
            insert.executeUpdate();
        } catch (SQLException e) {
            // SQLSTATE class 23 is "integrity constraint violation" in every database: here, a concurrent writer
            // took the value after our look-up. Anything else is a server fault.
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw taken(type, resource, key);
            }
            throw e;
        }
    }

    private static UniquenessException taken(ResourceType type, StoredResource resource, ValueRows.UniqueKey key) {
        return new UniquenessException(key.attributeName() + " " + resource.attributes().get(key.attributeName())
                + " is already taken by another " + type.name());
    }

    private static Object orNull(String value) {
        return value == null ? Sql.NullOf.VARCHAR : value;
    }

    /**
     * The row, locked for the rest of the transaction, so the version check and the change are one step.
     * Row locks rather than optimistic retries: a writer waits instead of failing, and SCIM clients rarely
     * write the same resource concurrently, so waits are short.
     */
    private static ResourceEntity locked(EntityManager em, String tenant, ResourceType type, String id,
                                         OptionalLong expectedVersion) {
        ResourceEntity entity = em.find(ResourceEntity.class, new ResourceEntity.Key(tenant, type.id(), id),
                LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new ResourceNotFoundException(type.name() + " " + id + " not found");
        }
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != entity.version()) {
            throw new PreconditionFailedException(type.name() + " " + id + " is at version W/\"" + entity.version()
                    + "\", not the version given in If-Match");
        }
        return entity;
    }

    /** How often a unit of work is tried when the database ends it as a deadlock victim or serialization failure. */
    private static final int ATTEMPTS = 3;

    /**
     * Runs {@code work} in a transaction of its own, again (up to {@value #ATTEMPTS} times in all) when the database
     * rolled it back as a deadlock victim or serialization failure (SQLSTATE class 40), which says that trying again
     * is right: nothing of the failed attempt remains.
     */
    private <T> T inTransaction(java.util.function.Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(work);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !rolledBackByDatabase(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean rolledBackByDatabase(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private <T> T attempt(java.util.function.Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    private static StoredResource toResource(ResourceEntity entity) {
        JsonObject attributes;
        try (JsonReader reader = Json.createReader(new StringReader(entity.data()))) {
            attributes = reader.readObject();
        }
        return new StoredResource(entity.id(), entity.resourceType(), attributes, new ResourceMeta(
                Instant.ofEpochMilli(entity.created()), Instant.ofEpochMilli(entity.lastModified()), entity.version()));
    }
}

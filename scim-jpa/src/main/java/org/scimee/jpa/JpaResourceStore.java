package org.scimee.jpa;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockModeType;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.memory.InMemoryQuery;
import org.scimee.store.ResourceMeta;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * A {@link ResourceStore} on Jakarta Persistence: every resource type in one table, one transaction per call.
 *
 * <p>Thread-safe: it holds only the factory, and each call uses its own {@link EntityManager}.
 */
public class JpaResourceStore implements ResourceStore {

    private final EntityManagerFactory factory;
    private final Clock clock;

    private final InMemoryQuery memory;

    public JpaResourceStore(EntityManagerFactory factory, SchemaRegistry registry) {
        this(factory, registry, Clock.systemUTC());
    }

    JpaResourceStore(EntityManagerFactory factory, SchemaRegistry registry, Clock clock) {
        this.factory = factory;
        this.clock = clock;
        this.memory = new InMemoryQuery(registry);
    }

    @Override
    public StoredResource create(String tenant, ResourceType type, JsonObject attributes) {
        long now = clock.millis();
        ResourceEntity entity = new ResourceEntity(tenant, type.id(), UUID.randomUUID().toString(),
                attributes.toString(), now, now, 1);
        inTransaction(em -> {
            em.persist(entity);
            return null;
        });
        return toResource(entity);
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
            return toResource(entity);
        });
    }

    @Override
    public void delete(String tenant, ResourceType type, String id, OptionalLong expectedVersion) {
        inTransaction(em -> {
            em.remove(locked(em, tenant, type, id, expectedVersion));
            return null;
        });
    }

    /**
     * Interim: reads every row of the tenant and type and evaluates in memory. Correct, but O(n); the database
     * translation of the filter AST replaces it.
     */
    @Override
    public QueryResult query(String tenant, ResourceType type, ResourceQuery query) {
        EntityManager em = factory.createEntityManager();
        try {
            List<StoredResource> all = em.createQuery(
                            "SELECT r FROM ResourceEntity r WHERE r.tenant = :tenant AND r.resourceType = :type", ResourceEntity.class)
                    .setParameter("tenant", tenant).setParameter("type", type.id())
                    .getResultList().stream().map(JpaResourceStore::toResource).toList();
            return memory.answer(type, all, query);
        } finally {
            em.close();
        }
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

    private <T> T inTransaction(Function<EntityManager, T> work) {
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

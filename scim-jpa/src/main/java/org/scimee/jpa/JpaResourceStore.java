package org.scimee.jpa;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.scimee.schema.ResourceType;
import org.scimee.store.ResourceMeta;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * A {@link ResourceStore} on Jakarta Persistence: every resource type in one table, one transaction per call.
 *
 * <p>Thread-safe: it holds only the factory, and each call uses its own {@link EntityManager}.
 */
public class JpaResourceStore implements ResourceStore {

    static final String DEFAULT_TENANT = "default";

    private final EntityManagerFactory factory;
    private final Clock clock;

    public JpaResourceStore(EntityManagerFactory factory) {
        this(factory, Clock.systemUTC());
    }

    JpaResourceStore(EntityManagerFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    @Override
    public StoredResource create(ResourceType type, JsonObject attributes) {
        long now = clock.millis();
        ResourceEntity entity = new ResourceEntity(DEFAULT_TENANT, type.id(), UUID.randomUUID().toString(),
                attributes.toString(), now, now, 1);
        inTransaction(em -> {
            em.persist(entity);
            return null;
        });
        return toResource(entity);
    }

    @Override
    public Optional<StoredResource> find(ResourceType type, String id) {
        EntityManager em = factory.createEntityManager();
        try {
            return Optional.ofNullable(em.find(ResourceEntity.class, new ResourceEntity.Key(DEFAULT_TENANT, type.id(), id)))
                    .map(JpaResourceStore::toResource);
        } finally {
            em.close();
        }
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

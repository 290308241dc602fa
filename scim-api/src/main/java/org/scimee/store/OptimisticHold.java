package org.scimee.store;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.event.ResourceEvent;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;

/**
 * {@link ResourceStore#modify}'s default for stores that cannot hold a resource: the work reads through the store's
 * own methods, and writes at the version it first read. When another writer came in between, the write fails with
 * 412 and the whole work runs again on a fresh read, up to {@value #ATTEMPTS} times.
 */
final class OptimisticHold implements HeldResource {

    /** Enough that a handful of writers racing on one resource still get through; a store that locks never retries. */
    static final int ATTEMPTS = 10;

    private final ResourceStore store;
    private final String tenant;
    private final ResourceType type;
    private final String id;
    private OptionalLong seen = OptionalLong.empty();

    private OptimisticHold(ResourceStore store, String tenant, ResourceType type, String id) {
        this.store = store;
        this.tenant = tenant;
        this.type = type;
        this.id = id;
    }

    static <T> T run(ResourceStore store, String tenant, ResourceType type, String id, Function<HeldResource, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.apply(new OptimisticHold(store, tenant, type, id));
            } catch (Overtaken e) {
                if (attempt == ATTEMPTS) {
                    throw new PreconditionFailedException(type.name() + " " + id + " was changed by other writers "
                            + ATTEMPTS + " times while this request read it; try again");
                }
            }
        }
    }

    @Override
    public StoredResource read(Projection projection) {
        return seen(projection == null ? store.find(tenant, type, id) : store.find(tenant, type, id, projection));
    }

    @Override
    public StoredResource readPartial(Map<String, Set<String>> elementsByValue) {
        return seen(store.findPartial(tenant, type, id, elementsByValue));
    }

    @Override
    public StoredResource update(ChangeSet changes, Projection projection) {
        return atSeenVersion(() -> projection == null ? store.update(tenant, type, id, changes, seen)
                : store.update(tenant, type, id, changes, seen, projection));
    }

    @Override
    public StoredResource replace(JsonObject attributes) {
        return atSeenVersion(() -> store.replace(tenant, type, id, attributes, seen));
    }

    /** {@link ResourceStore#delete} says nothing of the references it removed: there are no events to return. */
    @Override
    public List<ResourceEvent> delete() {
        return atSeenVersion(() -> {
            store.delete(tenant, type, id, seen);
            return List.of();
        });
    }

    /** A write at the version read: a 412 from it means another writer came first, so the attempt starts over. */
    private static <T> T atSeenVersion(Supplier<T> write) {
        try {
            return write.get();
        } catch (PreconditionFailedException e) {
            throw new Overtaken();
        }
    }

    /** Every read must show the version the first one saw: the work's reads and write are about one version. */
    private StoredResource seen(Optional<StoredResource> found) {
        StoredResource resource = found.orElseThrow(() -> new ResourceNotFoundException(type.name() + " " + id + " not found"));
        long version = resource.meta().version();
        if (seen.isPresent() && seen.getAsLong() != version) {
            throw new Overtaken();
        }
        seen = OptionalLong.of(version);
        return resource;
    }

    /** Another writer changed the resource after this attempt read it: the attempt starts over. */
    private static final class Overtaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Overtaken() {
            super(null, null, false, false);
        }
    }
}

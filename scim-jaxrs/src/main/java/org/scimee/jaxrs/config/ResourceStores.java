package org.scimee.jaxrs.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ForResourceType;
import org.scimee.store.ResourceStore;
import org.scimee.store.memory.InMemoryResourceStore;

/**
 * Finds the store of each resource type among the application's CDI beans: a store qualified
 * {@link ForResourceType @ForResourceType("Device")} serves that type, the unqualified store serves the rest
 * (with scim-jpa on the class path, that is the JPA store). With no store bean at all, an in-memory store serves
 * everything, so a new application answers at once; it says so in the log, since nothing it holds survives a restart.
 */
@ApplicationScoped
public class ResourceStores {

    private static final Logger LOG = Logger.getLogger(ResourceStores.class.getName());

    private Instance<ResourceStore> stores;
    private SchemaRegistry registry;
    private final Map<String, ResourceStore> byType = new ConcurrentHashMap<>();
    private volatile ResourceStore fallback;

    /** For CDI proxies. */
    public ResourceStores() {
    }

    @Inject
    public ResourceStores(@Any Instance<ResourceStore> stores, SchemaRegistry registry) {
        this.stores = stores;
        this.registry = registry;
    }

    /** The store of {@code type}. */
    public ResourceStore of(ResourceType type) {
        return byType.computeIfAbsent(type.id(), id -> {
            Instance<ResourceStore> qualified = stores.select(ForResourceType.Literal.of(id));
            if (qualified.isResolvable()) {
                return qualified.get();
            }
            Instance<ResourceStore> unqualified = stores.select(Default.Literal.INSTANCE);
            if (unqualified.isResolvable()) {
                return unqualified.get();
            }
            if (unqualified.isAmbiguous()) {
                throw new IllegalStateException("several ResourceStore beans qualify for resource type " + id
                        + ": keep one, or mark yours @Alternative @Priority(...)");
            }
            return inMemory();
        });
    }

    private synchronized ResourceStore inMemory() {
        if (fallback == null) {
            LOG.warning("no ResourceStore bean found: resources are kept in memory and lost at restart "
                    + "(add scim-jpa or your own ResourceStore bean)");
            fallback = new InMemoryResourceStore(registry);
        }
        return fallback;
    }
}

package org.scimee.jaxrs.harness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ResourceStore;
import org.scimee.store.memory.InMemoryResourceStore;

/**
 * The test server's {@link ResourceStore}: the in-memory store over the registry the real
 * {@link org.scimee.jaxrs.config.SchemaRegistryProducer} produces. One store per CDI container, so per server.
 */
@ApplicationScoped
public class InMemoryStoreProducer {

    @Produces
    @ApplicationScoped
    ResourceStore store(SchemaRegistry registry) {
        return new InMemoryResourceStore(registry);
    }
}

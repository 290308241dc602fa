package org.scimee.jaxrs.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.scimee.schema.SchemaRegistry;

/** The schemas served: the RFC 7643 defaults (User with the Enterprise extension, Group). */
@ApplicationScoped
public class SchemaRegistryProducer {

    private final SchemaRegistry registry = SchemaRegistry.defaults();

    // Singleton, not ApplicationScoped: the registry is immutable and final, so it needs no client proxy.
    @Produces
    @Singleton
    public SchemaRegistry registry() {
        return registry;
    }
}

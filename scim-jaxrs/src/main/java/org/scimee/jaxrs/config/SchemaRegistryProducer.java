package org.scimee.jaxrs.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.scimee.schema.SchemaRegistry;

/**
 * The schemas served: the RFC 7643 defaults (User with the Enterprise extension, Group) plus the application's
 * own, read from class-path JSON named in configuration, so a custom resource type needs no code:
 * <pre>
 * scimee.schemas=scim/Device.json
 * scimee.resource-types=scim/DeviceResourceType.json
 * </pre>
 * An application that wants full control produces its own {@link SchemaRegistry} bean, marked
 * {@code @Alternative @Priority(...)} so it wins over this one.
 */
@ApplicationScoped
public class SchemaRegistryProducer {

    /** Class-path resources holding RFC 7643 §7 schema JSON, comma-separated. */
    public static final String SCHEMAS = "scimee.schemas";
    /** Class-path resources holding RFC 7643 §6 resource type JSON, comma-separated. */
    public static final String RESOURCE_TYPES = "scimee.resource-types";

    private SchemaRegistry registry;

    /** For CDI proxies. */
    public SchemaRegistryProducer() {
    }

    @Inject
    public SchemaRegistryProducer(Config config) {
        SchemaRegistry.Builder builder = SchemaRegistry.builder().withDefaults();
        for (String path : list(config, SCHEMAS)) {
            builder.schema(read(path));
        }
        for (String path : list(config, RESOURCE_TYPES)) {
            builder.resourceType(read(path));
        }
        this.registry = builder.build();
    }

    // Singleton, not ApplicationScoped: the registry is immutable and final, so it needs no client proxy.
    @Produces
    @Singleton
    public SchemaRegistry registry() {
        return registry;
    }

    private static List<String> list(Config config, String key) {
        return config.getOptionalValues(key, String.class).orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static JsonObject read(String path) {
        String resource = path.startsWith("/") ? path.substring(1) : path;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : SchemaRegistryProducer.class.getClassLoader()).getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource '" + path + "' named in configuration is not on the class path");
            }
            return SchemaRegistry.Builder.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

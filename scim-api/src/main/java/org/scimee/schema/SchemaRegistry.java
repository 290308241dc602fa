package org.scimee.schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas and resource types a service provider serves; immutable once built.
 *
 * <p>Everything schema-driven (validation, filtering, projection, PATCH, discovery) asks this registry, so an
 * application adds a resource type by registering JSON, not by writing code.
 */
public final class SchemaRegistry {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    /** RFC 7643 §4.1: the core User schema. */
    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    /** RFC 7643 §4.2: the core Group schema. */
    public static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    /** RFC 7643 §4.3: the Enterprise User extension. */
    public static final String ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** Our own URN for the attributes every resource shares (RFC 7643 §3.1: id, externalId, meta). */
    public static final String COMMON_SCHEMA = "urn:scimee:schemas:common";

    private static final String BUILT_IN = "/org/scimee/schema/";
    private static final List<String> BUILT_IN_SCHEMAS = List.of(
            "core/User.json", "core/Group.json", "core/EnterpriseUser.json",
            "core/ServiceProviderConfig.json", "core/ResourceType.json", "core/Schema.json");
    private static final List<String> BUILT_IN_RESOURCE_TYPES = List.of("resourcetypes/User.json", "resourcetypes/Group.json");

    private final Schema common;
    private final Map<String, Schema> schemas;
    private final Map<String, ResourceType> resourceTypes;
    private final Map<String, ResourceType> resourceTypesByEndpoint;

    private SchemaRegistry(Builder builder) {
        this.common = builder.common;
        this.schemas = Collections.unmodifiableMap(new LinkedHashMap<>(builder.schemas));
        this.resourceTypes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.resourceTypes));
        Map<String, ResourceType> byEndpoint = new LinkedHashMap<>();
        resourceTypes.values().forEach(type -> byEndpoint.put(type.endpointSegment(), type));
        this.resourceTypesByEndpoint = Collections.unmodifiableMap(byEndpoint);
    }

    /** The RFC 7643 schemas and the User and Group resource types. */
    public static SchemaRegistry defaults() {
        return builder().withDefaults().build();
    }

    /** A builder starting with only the common attributes; call {@link Builder#withDefaults()} for User and Group. */
    public static Builder builder() {
        return new Builder();
    }

    /** The common attributes {@code id}, {@code externalId} and {@code meta}, shaped as a schema. */
    public Schema common() {
        return common;
    }

    /** The schema with URN {@code urn}, ignoring case. */
    public Optional<Schema> schema(String urn) {
        return Optional.ofNullable(schemas.get(Attribute.key(urn)));
    }

    /** Every registered schema, in registration order. */
    public Collection<Schema> schemas() {
        return schemas.values();
    }

    /** The resource type with id {@code id}. */
    public Optional<ResourceType> resourceType(String id) {
        return Optional.ofNullable(resourceTypes.get(id));
    }

    /** The resource type served at endpoint segment {@code segment} (e.g. {@code Users}). */
    public Optional<ResourceType> resourceTypeAt(String segment) {
        return Optional.ofNullable(resourceTypesByEndpoint.get(segment));
    }

    /** Every registered resource type, in registration order. */
    public Collection<ResourceType> resourceTypes() {
        return resourceTypes.values();
    }

    /** The core schema of {@code type}; always present, the builder checks it. */
    public Schema coreSchema(ResourceType type) {
        return schemas.get(Attribute.key(type.schema()));
    }

    /** Collects schemas and resource types, checking that every reference between them resolves. */
    public static final class Builder {
        private final Schema common;
        private final Map<String, Schema> schemas = new LinkedHashMap<>();
        private final Map<String, ResourceType> resourceTypes = new LinkedHashMap<>();

        private Builder() {
            common = SchemaReader.schema(load("common/CommonAttributes.json"));
        }

        /** Adds the RFC 7643 schemas and the User and Group resource types. */
        public Builder withDefaults() {
            BUILT_IN_SCHEMAS.forEach(path -> schema(load(path)));
            BUILT_IN_RESOURCE_TYPES.forEach(path -> resourceType(load(path)));
            return this;
        }

        /** Adds a schema from its RFC 7643 §7 JSON representation. */
        public Builder schema(JsonObject json) {
            Schema schema = SchemaReader.schema(json);
            schemas.put(Attribute.key(schema.id()), schema);
            return this;
        }

        /** Adds a resource type from its RFC 7643 §6 JSON representation; its schemas must be added first. */
        public Builder resourceType(JsonObject json) {
            ResourceType type = SchemaReader.resourceType(json);
            requireSchema(type.schema(), type);
            type.schemaExtensions().forEach(extension -> requireSchema(extension.schema(), type));
            for (ResourceType other : resourceTypes.values()) {
                if (!other.id().equals(type.id()) && other.endpoint().equals(type.endpoint())) {
                    throw new IllegalArgumentException("resource types " + other.id() + " and " + type.id()
                            + " share endpoint " + type.endpoint());
                }
            }
            resourceTypes.put(type.id(), type);
            return this;
        }

        /** Reads a JSON object from a class-path resource, for applications shipping their schemas in a jar. */
        public static JsonObject read(InputStream in) {
            try (JsonReader reader = JSON.createReader(in)) {
                return reader.readObject();
            }
        }

        public SchemaRegistry build() {
            return new SchemaRegistry(this);
        }

        private void requireSchema(String urn, ResourceType type) {
            if (!schemas.containsKey(Attribute.key(urn))) {
                throw new IllegalArgumentException("resource type " + type.id() + " names unknown schema " + urn);
            }
        }

        private static JsonObject load(String path) {
            try (InputStream in = SchemaRegistry.class.getResourceAsStream(BUILT_IN + path)) {
                if (in == null) {
                    throw new IllegalStateException("built-in schema " + path + " is missing from the class path");
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

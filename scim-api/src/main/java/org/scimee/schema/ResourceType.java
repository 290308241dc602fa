package org.scimee.schema;

import java.util.List;
import java.util.Optional;

/**
 * A resource type (RFC 7643 §6): the endpoint, core schema and extensions of one kind of resource.
 *
 * @param id               the resource type id, e.g. {@code User}
 * @param name             the resource type name, used as {@code meta.resourceType}
 * @param description      a human-readable description, may be empty
 * @param endpoint         the endpoint path relative to the base URL, e.g. {@code /Users}
 * @param schema           the core schema URN
 * @param schemaExtensions the allowed extensions
 */
public record ResourceType(
        String id, String name, String description, String endpoint, String schema, List<SchemaExtension> schemaExtensions) {

    public ResourceType {
        if (id == null || id.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a resource type needs an id and a name");
        }
        if (endpoint == null || !endpoint.matches("/[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("resource type '" + id + "' needs an endpoint like /Things, got '" + endpoint + "'");
        }
        schemaExtensions = List.copyOf(schemaExtensions);
    }

    /** The endpoint without its leading slash, as it appears as a path segment. */
    public String endpointSegment() {
        return endpoint.substring(1);
    }

    /** The extension with URN {@code urn}, ignoring case. */
    public Optional<SchemaExtension> extension(String urn) {
        return schemaExtensions.stream().filter(e -> e.schema().equalsIgnoreCase(urn)).findFirst();
    }
}

package org.scimee.store;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import org.scimee.schema.ResourceType;

/**
 * A resource as a store holds it.
 *
 * @param id           the server-assigned id, unique within the resource type
 * @param resourceType the id of the resource type
 * @param attributes   the client-supplied attributes (including {@code schemas} and {@code externalId}), without
 *                     {@code id} and {@code meta}
 * @param meta         the store-maintained metadata
 */
public record StoredResource(String id, String resourceType, JsonObject attributes, ResourceMeta meta) {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    public StoredResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(meta, "meta");
    }

    /** The full RFC 7643 representation: {@code schemas} and {@code id} first, then the attributes, then {@code meta}. */
    public JsonObject toJson(ResourceType type, String location) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        JsonValue schemas = attributes.get("schemas");
        if (schemas != null) {
            json.add("schemas", schemas);
        }
        json.add("id", id);
        for (Map.Entry<String, JsonValue> attribute : attributes.entrySet()) {
            if (!attribute.getKey().equals("schemas")) {
                json.add(attribute.getKey(), attribute.getValue());
            }
        }
        json.add("meta", JSON.createObjectBuilder()
                .add("resourceType", type.name())
                .add("created", DateTimeFormatter.ISO_INSTANT.format(meta.created()))
                .add("lastModified", DateTimeFormatter.ISO_INSTANT.format(meta.lastModified()))
                .add("location", location)
                .add("version", meta.etag()));
        return json.build();
    }
}

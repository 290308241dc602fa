package org.scimee.schema;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;

/** Writes schemas (RFC 7643 §7) and resource types (§6) as the discovery endpoints serve them. */
public final class SchemaWriter {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    /** RFC 7643 §7: the schema of schema representations. */
    public static final String SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    /** RFC 7643 §6: the schema of resource type representations. */
    public static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private SchemaWriter() {
    }

    /** The schema with every attribute characteristic spelled out, and {@code meta} at {@code location}. */
    public static JsonObject schema(Schema schema, String location) {
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(SCHEMA_SCHEMA))
                .add("id", schema.id())
                .add("name", schema.name())
                .add("description", schema.description())
                .add("attributes", attributes(schema.attributes()))
                .add("meta", meta("Schema", location))
                .build();
    }

    /** The resource type, with {@code meta} at {@code location}. */
    public static JsonObject resourceType(ResourceType type, String location) {
        JsonArrayBuilder extensions = JSON.createArrayBuilder();
        type.schemaExtensions().forEach(e -> extensions.add(JSON.createObjectBuilder()
                .add("schema", e.schema()).add("required", e.required())));
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(RESOURCE_TYPE_SCHEMA))
                .add("id", type.id())
                .add("name", type.name())
                .add("description", type.description())
                .add("endpoint", type.endpoint())
                .add("schema", type.schema())
                .add("schemaExtensions", extensions)
                .add("meta", meta("ResourceType", location))
                .build();
    }

    private static JsonArrayBuilder attributes(List<Attribute> attributes) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Attribute a : attributes) {
            JsonObjectBuilder json = JSON.createObjectBuilder()
                    .add("name", a.name())
                    .add("type", a.type().json())
                    .add("multiValued", a.multiValued())
                    .add("description", a.description())
                    .add("required", a.required())
                    .add("caseExact", a.caseExact())
                    .add("mutability", a.mutability().json())
                    .add("returned", a.returned().json())
                    .add("uniqueness", a.uniqueness().json());
            if (!a.canonicalValues().isEmpty()) {
                json.add("canonicalValues", JSON.createArrayBuilder(a.canonicalValues()));
            }
            if (a.strictCanonicalValues()) {
                json.add("strictCanonicalValues", true);
            }
            if (!a.referenceTypes().isEmpty()) {
                json.add("referenceTypes", JSON.createArrayBuilder(a.referenceTypes()));
            }
            if (!a.subAttributes().isEmpty()) {
                json.add("subAttributes", attributes(a.subAttributes()));
            }
            array.add(json);
        }
        return array;
    }

    private static JsonObjectBuilder meta(String resourceType, String location) {
        return JSON.createObjectBuilder().add("resourceType", resourceType).add("location", location);
    }
}

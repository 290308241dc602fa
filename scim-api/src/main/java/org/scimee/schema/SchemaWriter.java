package org.scimee.schema;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** Writes schemas (RFC 7643 §7) and resource types (§6) as the discovery endpoints serve them. */
public final class SchemaWriter {

    /** RFC 7643 §7: the schema of schema representations. */
    public static final String SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    /** RFC 7643 §6: the schema of resource type representations. */
    public static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private SchemaWriter() {
    }

    /** The schema with every attribute characteristic spelled out, and {@code meta} at {@code location}. */
    public static JsonObject schema(Schema schema, String location) {
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(SCHEMA_SCHEMA))
                .add("id", schema.id())
                .add("name", schema.name())
                .add("description", schema.description())
                .add("attributes", attributes(schema.attributes()))
                .add("meta", meta("Schema", location))
                .build();
    }

    /** The resource type, with {@code meta} at {@code location}. */
    public static JsonObject resourceType(ResourceType type, String location) {
        JsonArrayBuilder extensions = Json.createArrayBuilder();
        type.schemaExtensions().forEach(e -> extensions.add(Json.createObjectBuilder()
                .add("schema", e.schema()).add("required", e.required())));
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(RESOURCE_TYPE_SCHEMA))
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
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Attribute a : attributes) {
            JsonObjectBuilder json = Json.createObjectBuilder()
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
                json.add("canonicalValues", Json.createArrayBuilder(a.canonicalValues()));
            }
            if (a.strictCanonicalValues()) {
                json.add("strictCanonicalValues", true);
            }
            if (!a.referenceTypes().isEmpty()) {
                json.add("referenceTypes", Json.createArrayBuilder(a.referenceTypes()));
            }
            if (!a.subAttributes().isEmpty()) {
                json.add("subAttributes", attributes(a.subAttributes()));
            }
            array.add(json);
        }
        return array;
    }

    private static JsonObjectBuilder meta(String resourceType, String location) {
        return Json.createObjectBuilder().add("resourceType", resourceType).add("location", location);
    }
}

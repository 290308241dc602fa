package org.scimee.schema;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 7643 §7 schema and §6 resource type representations into the immutable model.
 *
 * <p>Characteristics left out take the defaults RFC 7643 §2.2 gives, so an application's own schema
 * JSON may be terse.
 */
final class SchemaReader {

    private SchemaReader() {
    }

    static Schema schema(JsonObject json) {
        String id = requiredString(json, "id", "schema");
        return new Schema(id, json.getString("name", id), json.getString("description", ""),
                attributes(json.getJsonArray("attributes"), id));
    }

    static ResourceType resourceType(JsonObject json) {
        String id = requiredString(json, "id", "resource type");
        List<SchemaExtension> extensions = new ArrayList<>();
        JsonArray array = json.getJsonArray("schemaExtensions");
        if (array != null) {
            for (JsonObject extension : array.getValuesAs(JsonObject.class)) {
                extensions.add(new SchemaExtension(requiredString(extension, "schema", "schema extension of " + id),
                        extension.getBoolean("required", false)));
            }
        }
        return new ResourceType(id, json.getString("name", id), json.getString("description", ""),
                requiredString(json, "endpoint", "resource type " + id), requiredString(json, "schema", "resource type " + id),
                extensions);
    }

    private static List<Attribute> attributes(JsonArray array, String owner) {
        if (array == null) {
            throw new IllegalArgumentException(owner + " has no attributes array");
        }
        List<Attribute> attributes = new ArrayList<>();
        for (JsonValue value : array) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException(owner + ": attribute definitions must be objects");
            }
            Attribute attribute = attribute(value.asJsonObject(), owner);
            if (Attribute.find(attributes, attribute.name()).isPresent()) {
                throw new IllegalArgumentException(owner + " defines '" + attribute.name() + "' twice");
            }
            attributes.add(attribute);
        }
        return attributes;
    }

    private static Attribute attribute(JsonObject json, String owner) {
        String name = requiredString(json, "name", "attribute of " + owner);
        AttributeType type = AttributeType.fromJson(json.getString("type", "string"));
        List<Attribute> subAttributes = List.of();
        if (type == AttributeType.COMPLEX) {
            if (json.getJsonArray("subAttributes") == null) {
                throw new IllegalArgumentException("complex attribute '" + owner + ":" + name + "' has no subAttributes");
            }
            subAttributes = attributes(json.getJsonArray("subAttributes"), owner + ":" + name);
        }
        return new Attribute(
                name,
                type,
                json.getBoolean("multiValued", false),
                json.getString("description", ""),
                json.getBoolean("required", false),
                json.getBoolean("caseExact", false),
                Mutability.fromJson(json.getString("mutability", "readWrite")),
                Returned.fromJson(json.getString("returned", "default")),
                Uniqueness.fromJson(json.getString("uniqueness", "none")),
                strings(json.getJsonArray("canonicalValues")),
                strings(json.getJsonArray("referenceTypes")),
                subAttributes,
                json.getBoolean("strictCanonicalValues", false));
    }

    private static List<String> strings(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static String requiredString(JsonObject json, String key, String what) {
        JsonValue value = json.get(key);
        if (value instanceof JsonString string && !string.getString().isEmpty()) {
            return string.getString();
        }
        throw new IllegalArgumentException(what + " needs a non-empty string '" + key + "'");
    }
}

package org.scimee.resource;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimee.error.InvalidSyntaxException;
import org.scimee.error.InvalidValueException;
import org.scimee.error.MutabilityException;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.DateTimes;
import org.scimee.schema.Mutability;
import org.scimee.schema.ResourceType;
import org.scimee.schema.Schema;
import org.scimee.schema.SchemaExtension;
import org.scimee.schema.SchemaRegistry;

/**
 * Checks a client-supplied resource against its schemas and returns it in canonical form.
 *
 * <p>Canonical form: attribute names spelled as the schema spells them, extension objects under their exact
 * URN, {@code readOnly} attributes and {@code null}s dropped (RFC 7643 §2.5: null means unassigned), and
 * {@code schemas} listing the core schema and every extension used.
 */
public final class ResourceValidator {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    private final SchemaRegistry registry;

    public ResourceValidator(SchemaRegistry registry) {
        this.registry = registry;
    }

    /**
     * Validates the body of a create request (RFC 7644 §3.3).
     *
     * @throws InvalidValueException  if a required value is missing or a value has the wrong type
     * @throws InvalidSyntaxException if the body names attributes the schemas do not define
     */
    public JsonObject forCreate(ResourceType type, JsonObject body) {
        return forCreate(type, body, Coercion.NONE);
    }

    /** {@link #forCreate(ResourceType, JsonObject)} with a tolerance for mistyped values. */
    public JsonObject forCreate(ResourceType type, JsonObject body, Coercion coercion) {
        Schema core = registry.coreSchema(type);
        Set<String> declared = declaredSchemas(type, body);
        JsonObjectBuilder result = JSON.createObjectBuilder();
        Set<String> seen = new HashSet<>();
        Set<String> usedExtensions = new LinkedHashSet<>();

        for (Map.Entry<String, JsonValue> entry : body.entrySet()) {
            String key = entry.getKey();
            if (!seen.add(Attribute.key(key))) {
                throw new InvalidSyntaxException("attribute '" + key + "' appears more than once (names are case-insensitive)");
            }
            if (key.equalsIgnoreCase("schemas")) {
                continue;
            }
            Optional<SchemaExtension> extension = type.extension(key);
            if (extension.isPresent()) {
                String urn = extension.get().schema();
                JsonValue value = entry.getValue();
                if (value.getValueType() == JsonValue.ValueType.NULL) {
                    continue;
                }
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new InvalidSyntaxException("extension '" + urn + "' must be a JSON object");
                }
                JsonObject attributes = complex(registry.schema(urn).orElseThrow().attributes(), value.asJsonObject(), urn + ":",
                        coercion);
                if (!attributes.isEmpty()) {
                    result.add(urn, attributes);
                    usedExtensions.add(urn);
                }
                continue;
            }
            Attribute attribute = registry.common().attribute(key).or(() -> core.attribute(key))
                    .orElseThrow(() -> new InvalidSyntaxException("attribute '" + key + "' is not defined by schema "
                            + core.id() + " nor by an extension of resource type " + type.name()));
            value(attribute, entry.getValue(), attribute.name(), coercion).ifPresent(v -> result.add(attribute.name(), v));
        }

        JsonObject attributes = result.build();
        requirePresent(core.attributes(), attributes, "");
        for (SchemaExtension extension : type.schemaExtensions()) {
            JsonObject object = attributes.getJsonObject(extension.schema());
            if (object == null && extension.required()) {
                throw new InvalidValueException("extension " + extension.schema() + " is required for resource type " + type.name());
            }
            if (object != null) {
                requirePresent(registry.schema(extension.schema()).orElseThrow().attributes(), object, extension.schema() + ":");
            }
        }
        for (String urn : declared) {
            if (!urn.equalsIgnoreCase(core.id()) && !usedExtensions.contains(urn)) {
                usedExtensions.add(urn);
            }
        }
        JsonArrayBuilder schemas = JSON.createArrayBuilder().add(core.id());
        usedExtensions.forEach(schemas::add);
        return JSON.createObjectBuilder(attributes).add("schemas", schemas).build();
    }

    /**
     * Validates the body of a replace request (RFC 7644 §3.5.1) against the resource it replaces.
     *
     * <p>"immutable: If one or more values are already set for the attribute, the input value(s) MUST match, or HTTP
     * status code 400 SHOULD be returned with a scimType error code of mutability." An immutable value the body leaves
     * out is kept, since it can never be cleared.
     *
     * @throws org.scimee.error.MutabilityException if the body changes an immutable value
     */
    public JsonObject forReplace(ResourceType type, JsonObject body, JsonObject current) {
        return forReplace(type, body, current, Coercion.NONE);
    }

    /** {@link #forReplace(ResourceType, JsonObject, JsonObject)} with a tolerance for mistyped values. */
    public JsonObject forReplace(ResourceType type, JsonObject body, JsonObject current, Coercion coercion) {
        JsonObject replacement = forCreate(type, body, coercion);
        JsonObjectBuilder result = JSON.createObjectBuilder(replacement);
        keepImmutable(registry.coreSchema(type).attributes(), current, replacement, result, "");
        for (SchemaExtension extension : type.schemaExtensions()) {
            JsonObject before = current.getJsonObject(extension.schema());
            if (before != null) {
                JsonObject after = replacement.containsKey(extension.schema())
                        ? replacement.getJsonObject(extension.schema()) : JsonValue.EMPTY_JSON_OBJECT;
                JsonObjectBuilder merged = JSON.createObjectBuilder(after);
                keepImmutable(registry.schema(extension.schema()).orElseThrow().attributes(), before, after, merged,
                        extension.schema() + ":");
                JsonObject object = merged.build();
                if (!object.isEmpty()) {
                    result.add(extension.schema(), object);
                }
            }
        }
        return result.build();
    }

    private static void keepImmutable(List<Attribute> definitions, JsonObject before, JsonObject after,
                                      JsonObjectBuilder result, String prefix) {
        for (Attribute attribute : definitions) {
            JsonValue old = before.get(attribute.name());
            JsonValue given = after.get(attribute.name());
            if (old == null) {
                continue;
            }
            if (attribute.mutability() == Mutability.IMMUTABLE) {
                if (given == null) {
                    result.add(attribute.name(), old);
                } else if (!old.equals(given)) {
                    throw new MutabilityException("attribute '" + prefix + attribute.name() + "' is immutable and already set");
                }
            } else if (attribute.type() == AttributeType.COMPLEX && !attribute.multiValued()
                    && old instanceof JsonObject oldObject) {
                // Sub-attributes of a single complex value can be immutable too (the element is unambiguous here;
                // in a multi-valued attribute it is not, so those are left to the PATCH engine).
                JsonObject givenObject = given instanceof JsonObject g ? g : JsonValue.EMPTY_JSON_OBJECT;
                JsonObjectBuilder merged = JSON.createObjectBuilder(givenObject);
                keepImmutable(attribute.subAttributes(), oldObject, givenObject, merged, prefix + attribute.name() + ".");
                JsonObject object = merged.build();
                if (!object.isEmpty() && !object.equals(givenObject)) {
                    result.add(attribute.name(), object);
                }
            }
        }
    }

    /** The URNs in {@code schemas}, canonically spelled; each must be the core schema or an allowed extension. */
    private Set<String> declaredSchemas(ResourceType type, JsonObject body) {
        JsonValue value = body.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("schemas"))
                .map(Map.Entry::getValue).findFirst().orElse(JsonValue.NULL);
        Set<String> declared = new LinkedHashSet<>();
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return declared;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidSyntaxException("'schemas' must be an array of schema URNs");
        }
        for (JsonValue urn : value.asJsonArray()) {
            if (!(urn instanceof JsonString string)) {
                throw new InvalidSyntaxException("'schemas' must be an array of schema URNs");
            }
            if (string.getString().equalsIgnoreCase(type.schema())) {
                declared.add(type.schema());
            } else {
                declared.add(type.extension(string.getString()).map(SchemaExtension::schema)
                        .orElseThrow(() -> new InvalidValueException("schema '" + string.getString()
                                + "' is neither the core schema nor an extension of resource type " + type.name())));
            }
        }
        if (!declared.contains(type.schema())) {
            throw new InvalidValueException("'schemas' must contain the core schema " + type.schema());
        }
        return declared;
    }

    /**
     * A tolerance for values of the wrong JSON shape, applied before the type check of every single value (a
     * single-valued attribute's value, or one element of a multi-valued one; never to the array itself). It returns
     * {@code value} itself when it has nothing to change.
     */
    @FunctionalInterface
    public interface Coercion {

        /** No tolerance: the strict checks of RFC 7643 §2.3. */
        Coercion NONE = (attribute, value, path) -> value;

        /** Booleans and numbers sent as strings ({@code "True"}, {@code "42"}) become the type the schema says. */
        Coercion STRING_SCALARS = (attribute, value, path) -> scalarFromString(attribute, value);

        /**
         * {@code value} as a boolean, integer or decimal when the attribute has that type and {@code value} is a string
         * spelling one (what Microsoft Entra ID sends before {@code aadOptscim062020}); otherwise {@code value} itself.
         */
        static JsonValue scalarFromString(Attribute attribute, JsonValue value) {
            if (!(value instanceof JsonString string)) {
                return value;
            }
            String text = string.getString().trim();
            switch (attribute.type()) {
                case BOOLEAN:
                    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                        return text.equalsIgnoreCase("true") ? JsonValue.TRUE : JsonValue.FALSE;
                    }
                    return value;
                case INTEGER:
                    return text.matches("[+-]?[0-9]{1,30}") ? JSON.createValue(new BigInteger(text)) : value;
                case DECIMAL:
                    return text.matches("[+-]?[0-9]{1,30}(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,4})?")
                            ? JSON.createValue(new BigDecimal(text)) : value;
                default:
                    return value;
            }
        }

        /**
         * The value to check instead of {@code value} for {@code attribute}.
         *
         * @param path the attribute path, for messages (never log the value of a {@code writeOnly} attribute)
         */
        JsonValue coerce(Attribute attribute, JsonValue value, String path);
    }

    /**
     * The canonical form of one value of {@code attribute} (the whole array if it is multi-valued), with the type
     * checks of {@link #forCreate}: for code that builds resources piecewise, such as the PATCH engine.
     *
     * @param path      the attribute path, for error messages
     * @param coercion  the tolerance for mistyped values ({@link Coercion#NONE} for none)
     * @return empty when the value is unassigned (null, an empty array) or the attribute is {@code readOnly}
     * @throws InvalidValueException  if the value has the wrong type
     * @throws InvalidSyntaxException if a complex value names undefined or repeated sub-attributes
     */
    public Optional<JsonValue> canonicalValue(Attribute attribute, JsonValue value, String path, Coercion coercion) {
        return value(attribute, value, path, coercion);
    }

    /**
     * The canonical form of ONE value of {@code attribute}, even a multi-valued one (an element of its array); a
     * complex value may come back empty when all its sub-attributes were null or {@code readOnly}.
     *
     * @throws InvalidValueException  if the value has the wrong type or is null
     * @throws InvalidSyntaxException if a complex value names undefined or repeated sub-attributes
     */
    public JsonValue canonicalElement(Attribute attribute, JsonValue value, String path, Coercion coercion) {
        return single(attribute, value, path, coercion);
    }

    /** The canonical value of {@code attribute}, or empty when the client left it unassigned or may not set it. */
    private Optional<JsonValue> value(Attribute attribute, JsonValue value, String path, Coercion coercion) {
        if (value.getValueType() == JsonValue.ValueType.NULL || attribute.mutability() == Mutability.READ_ONLY) {
            return Optional.empty();
        }
        if (!attribute.multiValued()) {
            return Optional.of(single(attribute, value, path, coercion));
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidValueException("'" + path + "' is multi-valued: expected a JSON array");
        }
        JsonArrayBuilder values = JSON.createArrayBuilder();
        int count = 0;
        for (JsonValue element : value.asJsonArray()) {
            if (element.getValueType() != JsonValue.ValueType.NULL) {
                values.add(single(attribute, element, path, coercion));
                count++;
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(values.build());
    }

    private JsonValue single(Attribute attribute, JsonValue value, String path, Coercion coercion) {
        value = coercion.coerce(attribute, value, path);
        boolean ok = switch (attribute.type()) {
            case STRING, REFERENCE -> value instanceof JsonString;
            case BOOLEAN -> value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE;
            case DECIMAL -> value instanceof JsonNumber;
            case INTEGER -> value instanceof JsonNumber number && number.isIntegral();
            case DATE_TIME -> value instanceof JsonString string && isDateTime(string.getString());
            case BINARY -> value instanceof JsonString string && isBase64(string.getString());
            case COMPLEX -> value.getValueType() == JsonValue.ValueType.OBJECT;
        };
        if (!ok) {
            throw new InvalidValueException("'" + path + "' must be " + describe(attribute) + ", got " + value.getValueType()
                    .toString().toLowerCase(Locale.ROOT));
        }
        if (attribute.type() == AttributeType.COMPLEX) {
            return complex(attribute.subAttributes(), value.asJsonObject(), path + ".", coercion);
        }
        if (attribute.strictCanonicalValues() && value instanceof JsonString string) {
            // The canonical spelling is stored, so filters and clients see one form.
            return attribute.canonicalValues().stream()
                    .filter(c -> attribute.caseExact() ? c.equals(string.getString()) : c.equalsIgnoreCase(string.getString()))
                    .findFirst().<JsonValue>map(JSON::createValue)
                    .orElseThrow(() -> new InvalidValueException("'" + path + "' must be one of " + attribute.canonicalValues()));
        }
        return value;
    }

    private JsonObject complex(List<Attribute> definitions, JsonObject object, String prefix, Coercion coercion) {
        JsonObjectBuilder result = JSON.createObjectBuilder();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!seen.add(Attribute.key(entry.getKey()))) {
                throw new InvalidSyntaxException("attribute '" + prefix + entry.getKey() + "' appears more than once");
            }
            Attribute sub = definitions.stream().filter(a -> a.named(entry.getKey())).findFirst()
                    .orElseThrow(() -> new InvalidSyntaxException("attribute '" + prefix + entry.getKey() + "' is not defined by the schema"));
            value(sub, entry.getValue(), prefix + sub.name(), coercion).ifPresent(v -> result.add(sub.name(), v));
        }
        return result.build();
    }

    /** RFC 7643 §2.2 "required": a value must be present; readOnly values are the server's to supply. */
    private static void requirePresent(List<Attribute> definitions, JsonObject object, String prefix) {
        for (Attribute attribute : definitions) {
            JsonValue value = object.get(attribute.name());
            if (attribute.required() && attribute.mutability() != Mutability.READ_ONLY && value == null) {
                throw new InvalidValueException("attribute '" + prefix + attribute.name() + "' is required");
            }
            if (value != null && !attribute.subAttributes().isEmpty()) {
                List<JsonValue> elements = attribute.multiValued() ? new ArrayList<>(value.asJsonArray()) : List.of(value);
                for (JsonValue element : elements) {
                    requirePresent(attribute.subAttributes(), element.asJsonObject(), prefix + attribute.name() + ".");
                }
            }
        }
    }

    private static String describe(Attribute attribute) {
        return switch (attribute.type()) {
            case STRING -> "a string";
            case REFERENCE -> "a reference (string)";
            case BOOLEAN -> "a boolean";
            case DECIMAL -> "a number";
            case INTEGER -> "an integer";
            case DATE_TIME -> "an xsd:dateTime string";
            case BINARY -> "a base64 string";
            case COMPLEX -> "a JSON object";
        };
    }

    private static boolean isDateTime(String text) {
        return DateTimes.parse(text).isPresent();
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

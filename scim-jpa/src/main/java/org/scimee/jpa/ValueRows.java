package org.scimee.jpa;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.DateTimes;
import org.scimee.schema.ResourceType;
import org.scimee.schema.Schema;
import org.scimee.schema.SchemaExtension;
import org.scimee.schema.SchemaRegistry;
import org.scimee.schema.Uniqueness;

/**
 * Turns a resource into the rows of {@code scim_value} (what filters and sorts read) and {@code scim_unique}
 * (what the unique constraint guards).
 *
 * <p>{@code scim_value} has one row per non-null value, walking the schema over the resource's full representation
 * (common attributes {@code id}, {@code externalId}, {@code meta.*} included, so they filter and sort like the
 * in-memory evaluator sees them):
 * <ul>
 *   <li>{@code path}: lower-case {@code attr} or {@code attr.sub}, prefixed by the lower-case schema URN and
 *       {@code :} for extension attributes ({@link #path});</li>
 *   <li>{@code element}: the array index of the value of a multi-valued attribute, -1 for a single-valued one;
 *       a sub-attribute's rows carry the element of their parent value, which is what makes value filters
 *       ({@code emails[type eq "work" and value co "@x"]}) same-element;</li>
 *   <li>a complex value gets a "container" row at the attribute's own path (for {@code pr}, {@code eq null} and as
 *       the anchor of value filters), its sub-attributes rows at {@code attr.sub};</li>
 *   <li>{@code v_key}: a string as filters compare it (lower-cased with {@link Locale#ROOT} unless case-exact);
 *       {@code k_key}: its first {@value #KEY_PREFIX} characters, the indexed column; {@code v_sort}: the string
 *       as {@code SortSpec} orders it; {@code v_num}: an integer, decimal, boolean (0/1) or dateTime (epoch
 *       seconds with nanoseconds as fraction); all {@code null} when the value is not of its attribute's type,
 *       so it matches no comparison, as in the evaluator;</li>
 *   <li>{@code present}: whether {@code pr} holds for the value; {@code is_sort}: whether it is the value
 *       {@code sortBy} uses (the single value, or for multi-valued attributes the primary or else first one).</li>
 * </ul>
 */
final class ValueRows {

    /** Length of {@code k_key}, the indexed prefix of {@code v_key}. */
    static final int KEY_PREFIX = 200;


    private final SchemaRegistry registry;

    ValueRows(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** One {@code scim_value} row, without tenant, type and id. */
    record Row(String path, int element, String key, String sort, BigDecimal number, boolean present, boolean sortValue) {
        String keyPrefix() {
            return key == null ? null : prefix(key);
        }
    }

    /** One {@code scim_unique} row: the path and the hash of the value as uniqueness compares it. */
    record UniqueKey(String path, String attributeName, String valueKey) {
    }

    /** The {@code scim_value} rows of {@code resource}, the full representation ({@code StoredResource.toJson}). */
    List<Row> rows(ResourceType type, JsonObject resource) {
        List<Row> rows = new ArrayList<>();
        walk(rows, registry.common(), null, resource);
        walk(rows, registry.coreSchema(type), null, resource);
        for (SchemaExtension extension : type.schemaExtensions()) {
            Optional<Schema> schema = registry.schema(extension.schema());
            if (schema.isPresent() && resource.get(schema.get().id()) instanceof JsonObject container) {
                walk(rows, schema.get(), schema.get().id(), container);
            }
        }
        return rows;
    }

    /**
     * The values that must be unique: every single-valued top-level attribute of the core schema and of the
     * extensions with {@code uniqueness} {@code server} or {@code global}, compared case-insensitively unless
     * {@code caseExact} (as {@code InMemoryResourceStore} does), each as a SHA-256 hash so that the unique index
     * has a fixed width whatever the value's length.
     */
    List<UniqueKey> uniqueKeys(ResourceType type, JsonObject attributes) {
        List<UniqueKey> keys = new ArrayList<>();
        unique(keys, registry.coreSchema(type), null, attributes);
        for (SchemaExtension extension : type.schemaExtensions()) {
            Optional<Schema> schema = registry.schema(extension.schema());
            if (schema.isPresent() && attributes.get(schema.get().id()) instanceof JsonObject container) {
                unique(keys, schema.get(), schema.get().id(), container);
            }
        }
        return keys;
    }

    private static void unique(List<UniqueKey> keys, Schema schema, String urn, JsonObject container) {
        for (Attribute attribute : schema.attributes()) {
            if (attribute.uniqueness() == Uniqueness.NONE || attribute.multiValued()) {
                continue;
            }
            JsonValue value = container.get(attribute.name());
            if (value == null) {
                continue;
            }
            String text = value instanceof JsonString string ? string.getString() : value.toString();
            String key = attribute.caseExact() ? text : text.toLowerCase(Locale.ROOT);
            keys.add(new UniqueKey(path(urn, attribute, null), attribute.name(), sha256(key)));
        }
    }

    private void walk(List<Row> rows, Schema schema, String urn, JsonObject container) {
        for (Attribute attribute : schema.attributes()) {
            JsonValue value = container.get(attribute.name());
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            String path = path(urn, attribute, null);
            if (attribute.multiValued() && value instanceof JsonArray array) {
                int sortIndex = primaryOrFirst(attribute, array);
                for (int i = 0; i < array.size(); i++) {
                    JsonValue element = array.get(i);
                    if (element.getValueType() != JsonValue.ValueType.NULL) {
                        element(rows, urn, path, attribute, element, i, i == sortIndex);
                    }
                }
            } else {
                // a multi-valued attribute holding a non-array counts as one value for filters, as no data for sorting
                element(rows, urn, path, attribute, value, attribute.multiValued() ? 0 : -1, !attribute.multiValued());
            }
        }
    }

    /** The rows of one element of a multi-valued core attribute, at array index or position {@code element}. */
    List<Row> elementRows(Attribute attribute, JsonValue value, int element, boolean sortValue) {
        List<Row> rows = new ArrayList<>();
        if (value.getValueType() != JsonValue.ValueType.NULL) {
            element(rows, null, path(null, attribute, null), attribute, value, element, sortValue);
        }
        return rows;
    }

    private static void element(List<Row> rows, String urn, String path, Attribute attribute, JsonValue value, int element,
                                boolean sortValue) {
        if (attribute.type() != AttributeType.COMPLEX) {
            rows.add(value(path, attribute, value, element, sortValue));
            return;
        }
        rows.add(new Row(path, element, null, null, null, isPresent(value), false));
        if (!(value instanceof JsonObject object)) {
            return;
        }
        for (Attribute sub : attribute.subAttributes()) {
            JsonValue subValue = object.get(sub.name());
            if (subValue == null || subValue.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            String subPath = path(urn, attribute, sub);
            if (sub.multiValued() && subValue instanceof JsonArray array) {
                for (int j = 0; j < array.size(); j++) {
                    if (array.get(j).getValueType() != JsonValue.ValueType.NULL) {
                        rows.add(value(subPath, sub, array.get(j), element, sortValue && j == 0));
                    }
                }
            } else {
                rows.add(value(subPath, sub, subValue, element, sortValue && !sub.multiValued()));
            }
        }
    }

    /** A simple value's row: the typed column its attribute's type uses, or none if the JSON type does not fit. */
    private static Row value(String path, Attribute attribute, JsonValue value, int element, boolean sortValue) {
        String key = null;
        String sort = null;
        BigDecimal number = null;
        switch (attribute.type()) {
            case STRING, REFERENCE, BINARY -> {
                if (value instanceof JsonString string) {
                    String text = string.getString();
                    key = key(attribute, text);
                    sort = attribute.caseExact() ? text : text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
                }
            }
            case INTEGER, DECIMAL -> {
                if (value instanceof JsonNumber json) {
                    number = column(json.bigDecimalValue());
                }
            }
            case BOOLEAN -> {
                if (value.getValueType() == JsonValue.ValueType.TRUE) {
                    number = BigDecimal.ONE;
                } else if (value.getValueType() == JsonValue.ValueType.FALSE) {
                    number = BigDecimal.ZERO;
                }
            }
            case DATE_TIME -> {
                Instant instant = value instanceof JsonString string ? DateTimes.parse(string.getString()).orElse(null) : null;
                number = instant == null ? null : seconds(instant);
            }
            case COMPLEX -> throw new IllegalStateException("complex value at " + path);
        }
        return new Row(path, element, key, sort, number, isPresent(value), sortValue);
    }

    /** {@code v_key} of a string, reference or binary value: lower-cased unless case-exact. */
    static String key(Attribute attribute, String text) {
        boolean caseExact = attribute.type() != AttributeType.STRING || attribute.caseExact();
        return caseExact ? text : text.toLowerCase(Locale.ROOT);
    }

    /** RFC 7644 §3.4.2.3: the element marked {@code primary: true}, else the first; -1 for an empty array. */
    private static int primaryOrFirst(Attribute attribute, JsonArray array) {
        if (array.isEmpty()) {
            return -1;
        }
        Optional<Attribute> primary = attribute.subAttribute("primary")
                .filter(sub -> sub.type() == AttributeType.BOOLEAN && !sub.multiValued());
        if (primary.isPresent()) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof JsonObject object && object.get(primary.get().name()) == JsonValue.TRUE) {
                    return i;
                }
            }
        }
        return 0;
    }

    /** The {@code path} column for a schema URN ({@code null} for core and common attributes), attribute and sub-attribute. */
    static String path(String urn, Attribute attribute, Attribute sub) {
        StringBuilder path = new StringBuilder();
        if (urn != null) {
            path.append(urn.toLowerCase(Locale.ROOT)).append(':');
        }
        path.append(attribute.name().toLowerCase(Locale.ROOT));
        if (sub != null) {
            path.append('.').append(sub.name().toLowerCase(Locale.ROOT));
        }
        return path.toString();
    }

    /** The {@code path} of a resolved filter or sort path; {@code sub} overrides its sub-attribute (may be null). */
    static String path(ResolvedPath resolved, Attribute sub) {
        return path(resolved.extension() ? resolved.schema().id() : null, resolved.attribute(), sub);
    }

    /** The first {@value #KEY_PREFIX} characters, never splitting a surrogate pair. */
    static String prefix(String key) {
        if (key.length() <= KEY_PREFIX) {
            return key;
        }
        int end = Character.isHighSurrogate(key.charAt(KEY_PREFIX - 1)) ? KEY_PREFIX - 1 : KEY_PREFIX;
        return key.substring(0, end);
    }


    /** Largest number of integer digits {@code v_num} (DECIMAL(65, 30)) holds. */
    static final int INTEGER_DIGITS = 35;
    /** Fraction digits {@code v_num} keeps. */
    static final int FRACTION_DIGITS = 30;

    /**
     * A number as {@code v_num} holds it: rounded to {@value #FRACTION_DIGITS} fraction digits, or {@code null}
     * (not indexed, so no comparison matches it) beyond {@value #INTEGER_DIGITS} integer digits, rather than failing
     * the write.
     */
    static BigDecimal column(BigDecimal number) {
        BigDecimal scaled = number.scale() > FRACTION_DIGITS
                ? number.setScale(FRACTION_DIGITS, java.math.RoundingMode.HALF_EVEN) : number;
        return scaled.precision() - scaled.scale() > INTEGER_DIGITS ? null : scaled;
    }

    /** An instant as exact decimal epoch seconds. */
    static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    /** The evaluator's {@code pr}: not null, not an empty string, and for arrays and objects a present member. */
    static boolean isPresent(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> false;
            case STRING -> !((JsonString) value).getString().isEmpty();
            case ARRAY -> value.asJsonArray().stream().anyMatch(ValueRows::isPresent);
            case OBJECT -> value.asJsonObject().values().stream().anyMatch(ValueRows::isPresent);
            default -> true;
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package org.scimee.query;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.scimee.error.InvalidPathException;
import org.scimee.error.InvalidValueException;
import org.scimee.path.AttributePath;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.DateTimes;
import org.scimee.schema.ResourceType;
import org.scimee.schema.Returned;
import org.scimee.schema.SchemaRegistry;

/**
 * The {@code sortBy} and {@code sortOrder} parameters (RFC 7644 §3.4.2.3) and the order they put resources in.
 *
 * <p>{@link #comparator} orders full resource representations in canonical form by the schema's view of the
 * {@code sortBy} value:
 * <ul>
 *   <li>strings, references and binaries: by Unicode code point; when the attribute is not {@code caseExact}, after
 *       case folding with {@link Locale#ROOT} (upper- then lower-casing, so e.g. "Straße" and "STRASSE" tie), as the
 *       RFC asks for "case-insensitive Unicode alphabetic sort order with no specific locale implied";</li>
 *   <li>integers and decimals numerically; dateTimes chronologically (a value without UTC offset is taken as UTC);
 *       booleans {@code false} before {@code true};</li>
 *   <li>a multi-valued attribute by the element marked {@code primary: true}, else its first element; a complex
 *       multi-valued attribute named without sub-attribute (e.g. {@code emails}) by that element's {@code value}
 *       sub-attribute (RFC 7643 §2.4).</li>
 * </ul>
 * A value that is absent, {@code null}, an empty array, or not of the attribute's type counts as "no data".
 * Resources comparing equal get 0, so a stable sort ({@link java.util.List#sort}) keeps their input order.
 *
 * <p>Errors, all 400 {@code invalidPath} ({@link InvalidPathException}) since RFC 7644 names no scimType for them:
 * a {@code sortBy} the resource type does not define; a single-valued complex attribute without sub-attribute
 * (the RFC requires "a path to a sub-attribute", e.g. {@code name.givenName}); a complex multi-valued attribute
 * without sub-attribute that has no {@code value} sub-attribute; and an attribute (or sub-attribute) that is
 * {@code returned: never}, because ordering by a secret such as {@code password} would let a client infer it.
 *
 * @param sortBy the attribute to sort by
 * @param order  ascending or descending; {@code null} means ascending
 */
public record SortSpec(AttributePath sortBy, SortOrder order) {

    public SortSpec {
        Objects.requireNonNull(sortBy, "sortBy");
        order = order == null ? SortOrder.ASCENDING : order;
    }

    /**
     * The sort a request asks for: empty when {@code sortBy} is absent or blank. {@code sortOrder} is checked even
     * then, so a misspelt value is reported rather than silently ignored.
     *
     * @throws InvalidPathException  if {@code sortBy} is not a syntactically valid attribute path
     * @throws InvalidValueException if {@code sortOrder} is neither {@code ascending} nor {@code descending}
     */
    public static Optional<SortSpec> parse(String sortBy, String sortOrder) {
        SortOrder order = SortOrder.parse(sortOrder);
        if (sortBy == null || sortBy.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new SortSpec(AttributePath.parse(sortBy.strip()), order));
    }

    /**
     * Orders resources of {@code type} by this spec.
     *
     * @throws InvalidPathException if {@code sortBy} cannot be sorted by (see the class description)
     */
    public Comparator<JsonObject> comparator(SchemaRegistry registry, ResourceType type) {
        ResolvedPath resolved;
        try {
            resolved = sortBy.resolve(registry, type);
        } catch (InvalidPathException e) {
            throw new InvalidPathException("cannot sort by '" + sortBy + "': " + e.detail(), e);
        }
        Attribute attribute = resolved.attribute();
        Attribute target = resolved.target();
        if (target.type() == AttributeType.COMPLEX) {
            if (!attribute.multiValued()) {
                throw new InvalidPathException("cannot sort by complex attribute '" + sortBy
                        + "': name one of its sub-attributes, e.g. '" + sortBy + "." + attribute.subAttributes().get(0).name() + "'");
            }
            target = attribute.subAttribute("value").orElseThrow(() -> new InvalidPathException("cannot sort by '" + sortBy
                    + "': it has no 'value' sub-attribute, name one of its sub-attributes"));
        }
        if (attribute.returned() == Returned.NEVER || target.returned() == Returned.NEVER) {
            throw new InvalidPathException("cannot sort by '" + sortBy + "': it is never returned");
        }
        ValueReader reader = new ValueReader(resolved, target);
        Comparator<JsonObject> ascending = switch (target.type()) {
            case STRING, REFERENCE, BINARY -> by(reader, target.caseExact() ? SortSpec::string : SortSpec::foldedString,
                    SortSpec::compareCodePoints);
            case INTEGER, DECIMAL -> by(reader, SortSpec::number, Comparator.naturalOrder());
            case DATE_TIME -> by(reader, SortSpec::dateTime, Comparator.naturalOrder());
            case BOOLEAN -> by(reader, SortSpec::bool, Comparator.naturalOrder());
            case COMPLEX -> throw new IllegalStateException("complex sort target " + target.name());
        };
        // RFC 7644 §3.4.2.3: "For all attribute types, if there is no data for the specified "sortBy" value, they are
        // sorted via the "sortOrder" parameter, i.e., they are ordered last if ascending and first if descending."
        // by() puts them last; reversing the whole order puts them first.
        return order == SortOrder.ASCENDING ? ascending : ascending.reversed();
    }

    /** Ascending by {@code key} of the sort value, resources without data last. */
    private static <T> Comparator<JsonObject> by(ValueReader reader, Function<JsonValue, T> key, Comparator<T> order) {
        return Comparator.comparing(resource -> {
            JsonValue value = reader.read(resource);
            return value == null ? null : key.apply(value);
        }, Comparator.nullsLast(order));
    }

    /** Finds the one value of a resource that {@code sortBy} designates. */
    private record ValueReader(ResolvedPath path, Attribute target) {

        /** The value to sort by, or {@code null} when there is no data. */
        JsonValue read(JsonObject resource) {
            Attribute attribute = path.attribute();
            JsonValue value = path.topLevelValue(resource);
            if (attribute.multiValued()) {
                value = primaryOrFirst(attribute, value);
            }
            if (attribute.type() == AttributeType.COMPLEX) {
                value = value instanceof JsonObject object ? object.get(target.name()) : null;
                if (target.multiValued()) {
                    value = primaryOrFirst(target, value);
                }
            }
            return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
        }

        /** RFC 7644 §3.4.2.3: "the value of the primary attribute ..., if any, or else the first value in the list". */
        private static JsonValue primaryOrFirst(Attribute attribute, JsonValue value) {
            if (!(value instanceof JsonArray array) || array.isEmpty()) {
                return null;
            }
            Optional<Attribute> primary = attribute.subAttribute("primary")
                    .filter(sub -> sub.type() == AttributeType.BOOLEAN && !sub.multiValued());
            if (primary.isPresent()) {
                for (JsonValue element : array) {
                    if (element instanceof JsonObject object && object.get(primary.get().name()) == JsonValue.TRUE) {
                        return element;
                    }
                }
            }
            return array.get(0);
        }
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static String foldedString(JsonValue value) {
        String string = string(value);
        return string == null ? null : string.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static BigDecimal number(JsonValue value) {
        return value instanceof JsonNumber number ? number.bigDecimalValue() : null;
    }

    private static Boolean bool(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Instant dateTime(JsonValue value) {
        String text = string(value);
        if (text == null) {
            return null;
        }
        return DateTimes.parse(text).orElse(null);
    }

    /** Unicode code point order (String.compareTo compares UTF-16 units, which misorders supplementary characters). */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}

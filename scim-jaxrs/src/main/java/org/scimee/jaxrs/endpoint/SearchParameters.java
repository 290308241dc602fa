package org.scimee.jaxrs.endpoint;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.scimee.error.InvalidSyntaxException;
import org.scimee.error.InvalidValueException;
import org.scimee.filter.Filter;
import org.scimee.filter.FilterParser;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.projection.Projection;
import org.scimee.query.SortSpec;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Page;
import org.scimee.store.ResourceQuery;

/**
 * The parameters of a list request (RFC 7644 §3.4.2) or a search request body (§3.4.3), before they are checked
 * against a resource type.
 *
 * @param filter             filter text, or {@code null}
 * @param sortBy             attribute path text, or {@code null}
 * @param sortOrder          {@code ascending}/{@code descending}, or {@code null}
 * @param startIndex         1-based start, or {@code null}
 * @param count              page size, or {@code null}
 * @param cursor             RFC 9865 cursor ({@code ""} asks for the first page), or {@code null} for index paging
 * @param attributes         comma-separated attribute paths, or {@code null}
 * @param excludedAttributes comma-separated attribute paths, or {@code null}
 */
record SearchParameters(String filter, String sortBy, String sortOrder, Integer startIndex, Integer count, String cursor,
                        String attributes, String excludedAttributes) {

    /** RFC 7644 §3.4.3: the schema of a search request body. */
    static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    static SearchParameters fromQuery(MultivaluedMap<String, String> query) {
        return new SearchParameters(query.getFirst("filter"), query.getFirst("sortBy"), query.getFirst("sortOrder"),
                integer("startIndex", query.getFirst("startIndex")), integer("count", query.getFirst("count")),
                query.getFirst("cursor"), query.getFirst("attributes"), query.getFirst("excludedAttributes"));
    }

    static SearchParameters fromBody(JsonObject body) {
        JsonValue schemas = body.get("schemas");
        if (!(schemas instanceof JsonArray array) || array.stream().noneMatch(
                v -> v instanceof JsonString s && s.getString().equals(SEARCH_REQUEST))) {
            throw new InvalidSyntaxException("a search request must list the schema " + SEARCH_REQUEST);
        }
        return new SearchParameters(string(body, "filter"), string(body, "sortBy"), string(body, "sortOrder"),
                integer(body, "startIndex"), integer(body, "count"), string(body, "cursor"),
                strings(body, "attributes"), strings(body, "excludedAttributes"));
    }

    /** The query for {@code type}, with paging normalised as RFC 7644 §3.4.2.4 says. */
    ResourceQuery toQuery(SchemaRegistry registry, ResourceType type, ScimSettings settings) {
        Filter parsed = filter == null || filter.isBlank() ? null : FilterParser.parse(filter, settings.filterLimits());
        return new ResourceQuery(parsed, SortSpec.parse(sortBy, sortOrder), page(settings),
                Projection.parse(registry, type, attributes, excludedAttributes));
    }

    Page page(ScimSettings settings) {
        // "A negative value SHALL be interpreted as 0"; larger than the maximum is lowered to it.
        int size = count == null ? settings.defaultPageSize() : Math.max(0, Math.min(count, settings.maxPageSize()));
        if (cursor != null) {
            if (startIndex != null) {
                throw new InvalidValueException("use either cursor or startIndex paging, not both");
            }
            return new Page.Cursor(cursor.isEmpty() ? null : cursor, size);
        }
        // "A value less than 1 SHALL be interpreted as 1."
        return new Page.Index(startIndex == null ? 1 : Math.max(1, startIndex), size);
    }

    private static Integer integer(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("'" + name + "' must be an integer, got '" + text + "'");
        }
    }

    private static Integer integer(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.bigIntegerValue().max(BigInteger.valueOf(Integer.MIN_VALUE))
                    .min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
        }
        throw new InvalidValueException("'" + name + "' must be an integer");
    }

    private static String string(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new InvalidValueException("'" + name + "' must be a string");
    }

    /** {@code attributes} in a body is an array of paths (RFC 7644 §3.4.3); the query form is comma-separated. */
    private static String strings(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonArray array) {
            List<String> paths = new ArrayList<>();
            for (JsonValue element : array) {
                if (!(element instanceof JsonString string)) {
                    throw new InvalidValueException("'" + name + "' must be an array of attribute paths");
                }
                paths.add(string.getString());
            }
            return String.join(",", paths);
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new InvalidValueException("'" + name + "' must be an array of attribute paths");
    }
}

package org.scimee.jpa;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.scimee.error.InvalidCursorException;
import org.scimee.error.InvalidPathException;
import org.scimee.path.ResolvedPath;
import org.scimee.query.SortOrder;
import org.scimee.query.SortSpec;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceMeta;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/**
 * Answers a {@link ResourceQuery} with SQL: the filter ({@link SqlFilter}), the order, the page and the count are
 * all the database's work; only the page's rows are read.
 *
 * <p>Order: by the {@code is_sort} row of the {@code sortBy} path ({@link ValueRows}), resources without one last
 * when ascending and first when descending, ties by id ascending (as {@code InMemoryQuery} breaks them); without
 * {@code sortBy} by id. Index pages use {@code LIMIT}/{@code OFFSET}. Cursor pages are keyset pages: a cursor holds
 * a fingerprint of the query (tenant, type, filter, sort), the direction, and the sort key and id of the row it
 * follows or precedes, so its cost does not grow with the page number. A cursor that does not decode, or belongs
 * to another query, is {@link InvalidCursorException}; cursors never expire.
 */
final class SqlQuery {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final String CURSOR_VERSION = "k1";

    private final SchemaRegistry registry;
    private final ResourceType type;
    private final String tenant;
    private final ResourceQuery query;
    private final Sql where;
    /** The sort column of the joined {@code scim_value s} ({@code s.v_sort} or {@code s.v_num}), or null. */
    private final String sortColumn;
    private final String sortPath;
    private final boolean descending;

    /** @param correlated see {@link SqlFilter#SqlFilter}: {@code false} for H2 */
    SqlQuery(SchemaRegistry registry, ResourceType type, String tenant, ResourceQuery query, boolean correlated) {
        this.registry = registry;
        this.type = type;
        this.tenant = tenant;
        this.query = query;
        Sql condition = new Sql().append("r.tenant = ").bind(tenant).append(" AND r.resource_type = ").bind(type.id());
        if (query.filter() != null) {
            condition.append(" AND (").append(new SqlFilter(registry, type, tenant, correlated).where(query.filter())).append(")");
        }
        this.where = condition;
        if (query.sort().isPresent()) {
            SortSpec sort = query.sort().get();
            sort.comparator(registry, type); // refuses what cannot be sorted by, with the in-memory messages
            ResolvedPath resolved;
            try {
                resolved = sort.sortBy().resolve(registry, type);
            } catch (InvalidPathException e) {
                throw new IllegalStateException("SortSpec resolved the path already", e);
            }
            Attribute sub = resolved.subAttribute();
            if (sub == null && resolved.attribute().type() == AttributeType.COMPLEX) {
                sub = resolved.attribute().subAttribute("value").orElseThrow();
            }
            Attribute target = sub != null ? sub : resolved.attribute();
            boolean text = target.type() == AttributeType.STRING || target.type() == AttributeType.REFERENCE
                    || target.type() == AttributeType.BINARY;
            this.sortColumn = text ? "s.v_sort" : "s.v_num";
            this.sortPath = ValueRows.path(resolved, sub);
            this.descending = sort.order() == SortOrder.DESCENDING;
        } else {
            this.sortColumn = null;
            this.sortPath = null;
            this.descending = false;
        }
    }

    QueryResult answer(Connection connection) throws SQLException {
        Page page = query.page();
        if (page instanceof Page.Cursor cursor && cursor.cursor() != null) {
            decode(cursor.cursor()); // refused even when only the count is asked for
        }
        if (page.count() == 0) {
            return QueryResult.of(count(connection), List.of());
        }
        if (page instanceof Page.Index index) {
            Sql sql = select().append(" WHERE ").append(where).append(orderBy(false))
                    .append(" LIMIT ").bind(index.count()).append(" OFFSET ").bind(index.startIndex() - 1);
            List<StoredResource> resources = rows(connection, sql).stream().map(Row::resource).toList();
            // a page neither full nor past the end is the last: its total needs no COUNT, which would evaluate the
            // filter a second time (an IdP's look-up by userName is one row on a page of 100)
            boolean last = resources.size() < index.count() && (!resources.isEmpty() || index.startIndex() == 1);
            return QueryResult.of(last ? index.startIndex() - 1 + resources.size() : count(connection), resources);
        }
        return cursorPage(connection, (Page.Cursor) page);
    }

    private QueryResult cursorPage(Connection connection, Page.Cursor page) throws SQLException {
        Position from = page.cursor() == null ? null : decode(page.cursor());
        boolean backward = from != null && from.backward;
        Sql sql = select().append(" WHERE ").append(where);
        if (from != null) {
            sql.append(" AND ").append(after(from, backward));
        }
        sql.append(orderBy(backward)).append(" LIMIT ").bind(page.count() + 1);
        List<Row> rows = rows(connection, sql);
        boolean more = rows.size() > page.count();
        List<Row> slice = new ArrayList<>(rows.subList(0, Math.min(rows.size(), page.count())));
        String next;
        String previous;
        if (backward) {
            Collections.reverse(slice);
            previous = more ? encode(slice.get(0), true) : null;
            next = slice.isEmpty() ? null : encode(slice.get(slice.size() - 1), false);
        } else {
            next = more ? encode(slice.get(slice.size() - 1), false) : null;
            previous = from != null && !slice.isEmpty() ? encode(slice.get(0), true) : null;
        }
        long total = from == null && !more ? slice.size() : count(connection); // a whole result on one page
        return new QueryResult(total, slice.stream().map(Row::resource).toList(), next, previous);
    }

    private long count(Connection connection) throws SQLException {
        Sql sql = new Sql().append("SELECT COUNT(*) FROM scim_resource r WHERE ").append(where);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private Sql select() {
        Sql sql = new Sql().append("SELECT r.id, r.data, r.created_ms, r.last_modified_ms, r.version")
                .append(sortColumn == null ? "" : ", " + sortColumn)
                .append(" FROM scim_resource r");
        if (sortColumn != null) {
            sql.append(" LEFT JOIN scim_value s ON s.tenant = r.tenant AND s.resource_type = r.resource_type"
                    + " AND s.resource_id = r.id AND s.is_sort = 1 AND s.path = ").bind(sortPath);
        }
        return sql;
    }

    /**
     * The page order: ascending puts missing values last, descending first, ids ascending either way;
     * {@code reversed} walks it backwards (for a previous page).
     */
    private String orderBy(boolean reversed) {
        String idOrder = reversed ? "DESC" : "ASC";
        if (sortColumn == null) {
            return " ORDER BY r.id " + idOrder;
        }
        boolean valuesAscending = descending == reversed;
        boolean nullsLast = valuesAscending;
        return " ORDER BY CASE WHEN " + sortColumn + " IS NULL THEN 1 ELSE 0 END " + (nullsLast ? "ASC" : "DESC")
                + ", " + sortColumn + (valuesAscending ? " ASC" : " DESC") + ", r.id " + idOrder;
    }

    /** The rows strictly after {@code from} in the page order ({@code reversed}: strictly before it). */
    private Sql after(Position from, boolean reversed) {
        String idGreater = reversed ? "<" : ">";
        Sql sql = new Sql();
        if (sortColumn == null) {
            return sql.append("r.id " + idGreater + " ").bind(from.id);
        }
        boolean valuesAscending = descending == reversed;
        boolean nullsLast = valuesAscending;
        String c = sortColumn;
        if (from.key == null) {
            return nullsLast
                    ? sql.append("(" + c + " IS NULL AND r.id " + idGreater + " ").bind(from.id).append(")")
                    : sql.append("(" + c + " IS NOT NULL OR r.id " + idGreater + " ").bind(from.id).append(")");
        }
        String valueGreater = valuesAscending ? ">" : "<";
        sql.append("(");
        if (nullsLast) {
            sql.append(c + " IS NULL OR ");
        }
        return sql.append(c + " " + valueGreater + " ").bind(from.key)
                .append(" OR (" + c + " = ").bind(from.key).append(" AND r.id " + idGreater + " ").bind(from.id).append("))");
    }

    private List<Row> rows(Connection connection, Sql sql) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                JsonObject attributes;
                try (JsonReader reader = JSON.createReader(new StringReader(result.getString(2)))) {
                    attributes = reader.readObject();
                }
                StoredResource resource = new StoredResource(result.getString(1), type.id(), attributes, new ResourceMeta(
                        Instant.ofEpochMilli(result.getLong(3)), Instant.ofEpochMilli(result.getLong(4)), result.getLong(5)));
                Object key = null;
                if (sortColumn != null) {
                    key = sortColumn.equals("s.v_num") ? result.getBigDecimal(6) : result.getString(6);
                }
                rows.add(new Row(resource, key));
            }
        }
        return rows;
    }

    private record Row(StoredResource resource, Object key) {
    }

    /** A decoded cursor: the row it is after (or, backward, before). {@code key}: String, BigDecimal or null. */
    private record Position(boolean backward, Object key, String id) {
    }

    private String encode(Row row, boolean backward) {
        String kind;
        String key;
        if (row.key == null) {
            kind = "0";
            key = "";
        } else if (row.key instanceof BigDecimal number) {
            kind = "n";
            key = number.toPlainString();
        } else {
            kind = "s";
            key = (String) row.key;
        }
        String text = String.join("\n", CURSOR_VERSION, fingerprint(), backward ? "p" : "n", kind, row.resource.id(), key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private Position decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", 6);
            if (parts.length == 6 && parts[0].equals(CURSOR_VERSION) && parts[1].equals(fingerprint())
                    && (parts[2].equals("n") || parts[2].equals("p")) && !parts[4].isEmpty()) {
                Object key = switch (parts[3]) {
                    case "0" -> null;
                    case "n" -> sortColumn != null && sortColumn.equals("s.v_num") ? new BigDecimal(parts[5]) : fail();
                    case "s" -> sortColumn != null && sortColumn.equals("s.v_sort") ? parts[5] : fail();
                    default -> fail();
                };
                if (sortColumn != null || parts[3].equals("0")) {
                    return new Position(parts[2].equals("p"), key, parts[4]);
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not a number: falls through to the error below
        }
        throw new InvalidCursorException("the cursor '" + cursor + "' was not issued by this server for this query");
    }

    private static Object fail() {
        throw new IllegalArgumentException("cursor key of the wrong kind");
    }

    /** What a cursor must have been issued for: the same tenant, resource type, filter and sort. */
    private String fingerprint() {
        String identity = String.join("\u0000", tenant, type.id(), String.valueOf(query.filter()),
                query.sort().map(s -> s.sortBy().toString().toLowerCase(java.util.Locale.ROOT) + " " + s.order()).orElse(""));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

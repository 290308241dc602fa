package org.scimee.store.memory;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.scimee.error.InvalidCursorException;
import org.scimee.filter.FilterEvaluator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/**
 * Answers a {@link ResourceQuery} by evaluating it over resources held in memory: O(n) per query. For stores
 * that keep few resources, and for tests; a database store translates the query instead.
 *
 * <p>Without {@code sortBy}, resources come in id order, so pages are stable. Cursors encode an offset; they never
 * expire, and one this class did not write is {@code invalidCursor}.
 */
public final class InMemoryQuery {

    private static final String CURSOR_PREFIX = "offset:";

    private final SchemaRegistry registry;

    public InMemoryQuery(SchemaRegistry registry) {
        this.registry = registry;
    }

    public QueryResult answer(ResourceType type, Collection<StoredResource> resources, ResourceQuery query) {
        Predicate<StoredResource> matches = r -> true;
        if (query.filter() != null) {
            Predicate<JsonObject> compiled = new FilterEvaluator(registry, type).compile(query.filter());
            matches = r -> compiled.test(r.toJson(type, ""));
        }
        Comparator<StoredResource> order = Comparator.comparing(StoredResource::id);
        if (query.sort().isPresent()) {
            Comparator<JsonObject> bySort = query.sort().get().comparator(registry, type);
            order = Comparator.<StoredResource, JsonObject>comparing(r -> r.toJson(type, ""), bySort).thenComparing(order);
        }
        List<StoredResource> matching = new ArrayList<>();
        for (StoredResource resource : resources) {
            if (matches.test(resource)) {
                matching.add(resource);
            }
        }
        matching.sort(order);
        if (query.page() instanceof Page.Cursor cursor) {
            return cursorPage(matching, cursor);
        }
        Page.Index index = (Page.Index) query.page();
        return QueryResult.of(matching.size(), slice(matching, index.startIndex() - 1, index.count()));
    }

    private static QueryResult cursorPage(List<StoredResource> matching, Page.Cursor page) {
        int offset = page.cursor() == null ? 0 : offset(page.cursor(), matching.size());
        List<StoredResource> slice = slice(matching, offset, page.count());
        int end = offset + slice.size();
        String next = end < matching.size() && page.count() > 0 ? cursor(end) : null;
        String previous = offset > 0 ? cursor(Math.max(0, offset - page.count())) : null;
        return new QueryResult(matching.size(), slice, next, previous);
    }

    private static List<StoredResource> slice(List<StoredResource> all, int from, int count) {
        if (from >= all.size() || count == 0) {
            return List.of();
        }
        return all.subList(from, (int) Math.min(all.size(), (long) from + count));
    }

    private static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor, int size) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                int offset = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
                if (offset >= 0 && offset <= size) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below; NumberFormatException is an IllegalArgumentException
        }
        throw new InvalidCursorException("the cursor '" + cursor + "' was not issued by this server");
    }
}

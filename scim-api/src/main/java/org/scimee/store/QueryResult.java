package org.scimee.store;

import java.util.List;

/**
 * One page of a query's answer.
 *
 * @param totalResults   how many resources match in all (not the page size)
 * @param resources      the page, in order
 * @param nextCursor     for cursor paging: the cursor of the next page, or {@code null} on the last page
 * @param previousCursor for cursor paging: the cursor of the previous page, or {@code null} on the first page
 */
public record QueryResult(long totalResults, List<StoredResource> resources, String nextCursor, String previousCursor) {

    public QueryResult {
        resources = List.copyOf(resources);
    }

    /** A result of index paging, which has no cursors. */
    public static QueryResult of(long totalResults, List<StoredResource> resources) {
        return new QueryResult(totalResults, resources, null, null);
    }
}

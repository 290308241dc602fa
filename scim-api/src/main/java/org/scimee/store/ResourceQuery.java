package org.scimee.store;

import java.util.Objects;
import java.util.Optional;
import org.scimee.filter.Filter;
import org.scimee.projection.Projection;
import org.scimee.query.SortSpec;

/**
 * A list/search request (RFC 7644 §3.4.2), parsed and validated, for a store to answer.
 *
 * <p>A database store should push all of it down (filter, sort, paging, and the projection's
 * {@link Projection#includes} to skip attributes that will not be returned). A store that cannot may evaluate in
 * memory with {@link org.scimee.filter.FilterEvaluator} and {@link SortSpec#comparator}, saying so in its Javadoc.
 *
 * @param filter     the filter, or {@code null} for all resources
 * @param sort       the sort order, if any; without one the order is the store's, but stable across pages
 * @param page       which page
 * @param projection the attributes the response will carry
 */
public record ResourceQuery(Filter filter, Optional<SortSpec> sort, Page page, Projection projection) {

    public ResourceQuery {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(projection, "projection");
    }

    /** The filter, if any. */
    public Optional<Filter> optionalFilter() {
        return Optional.ofNullable(filter);
    }
}

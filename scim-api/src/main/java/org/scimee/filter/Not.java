package org.scimee.filter;

import java.util.Objects;

/**
 * {@code not (FILTER)}: "The filter is a match if the expression evaluates to false."
 *
 * @param filter the negated filter
 */
public record Not(Filter filter) implements Filter {

    public Not {
        Objects.requireNonNull(filter, "filter");
    }

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public String toString() {
        return FilterPrinter.print(this);
    }
}

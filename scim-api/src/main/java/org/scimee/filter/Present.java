package org.scimee.filter;

import java.util.Objects;
import org.scimee.path.AttributePath;

/**
 * {@code attrPath pr}: the attribute has a value.
 *
 * @param path the attribute; inside a {@link ValueFilter}, a sub-attribute of its attribute
 */
public record Present(AttributePath path) implements Filter {

    public Present {
        Objects.requireNonNull(path, "path");
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

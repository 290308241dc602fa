package org.scimee.filter;

import java.util.Objects;
import org.scimee.path.AttributePath;

/**
 * {@code attrPath compareOp compValue}, e.g. {@code userName eq "bjensen"}.
 *
 * @param path     the attribute compared; inside a {@link ValueFilter}, a sub-attribute of its attribute
 * @param operator the operator
 * @param value    the comparison value
 */
public record Comparison(AttributePath path, ComparisonOperator operator, Literal value) implements Filter {

    public Comparison {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
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

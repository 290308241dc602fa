package org.scimee.filter;

import java.util.List;
import java.util.Objects;

/**
 * {@code FILTER and FILTER}: "The filter is only a match if both expressions evaluate to true."
 *
 * <p>{@code equals} and {@code hashCode} are structural but walk a left-nested chain with a loop, see
 * {@link #operands()}.
 *
 * @param left  the left operand
 * @param right the right operand
 */
public record And(Filter left, Filter right) implements Filter {

    public And {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /**
     * The operands of the chain this node heads: {@code a and b and c}, parsed as {@code And(And(a, b), c)},
     * gives {@code [a, b, c]}. Only left-nested {@code And}s are flattened; a right operand that is an
     * {@code And} came from parentheses ({@code a and (b and c)}) and stays one operand, so the list still
     * describes the exact tree.
     */
    public List<Filter> operands() {
        return Chains.operands(this, And.class);
    }

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof And that && operands().equals(that.operands());
    }

    @Override
    public int hashCode() {
        return 31 * operands().hashCode() + 1;
    }

    @Override
    public String toString() {
        return FilterPrinter.print(this);
    }
}

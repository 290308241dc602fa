package org.scimee.filter;

import java.util.List;
import java.util.Objects;

/**
 * {@code FILTER or FILTER}: "The filter is a match if either expression evaluates to true."
 *
 * <p>{@code equals} and {@code hashCode} are structural but walk a left-nested chain with a loop, see
 * {@link #operands()}.
 *
 * @param left  the left operand
 * @param right the right operand
 */
public record Or(Filter left, Filter right) implements Filter {

    public Or {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /**
     * The operands of the chain this node heads: {@code a or b or c}, parsed as {@code Or(Or(a, b), c)},
     * gives {@code [a, b, c]}. Only left-nested {@code Or}s are flattened; a right operand that is an
     * {@code Or} came from parentheses ({@code a or (b or c)}) and stays one operand, so the list still
     * describes the exact tree.
     */
    public List<Filter> operands() {
        return Chains.operands(this, Or.class);
    }

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visit(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Or that && operands().equals(that.operands());
    }

    @Override
    public int hashCode() {
        return 31 * operands().hashCode() + 2;
    }

    @Override
    public String toString() {
        return FilterPrinter.print(this);
    }
}

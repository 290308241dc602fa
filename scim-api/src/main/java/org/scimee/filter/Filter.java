package org.scimee.filter;

/**
 * A SCIM filter (RFC 7644 §3.4.2.2) as an immutable syntax tree.
 *
 * <p>The family is sealed: {@link Comparison}, {@link Present}, {@link And}, {@link Or}, {@link Not} and
 * {@link ValueFilter}. Code that needs to act on a filter (the in-memory {@link FilterEvaluator}, a SQL or JPA
 * translator) implements a {@link FilterVisitor} and calls {@link #accept(FilterVisitor)}, so it never looks at
 * filter text.
 *
 * <p>{@link #toString()} prints canonical filter text (see {@link FilterPrinter}); parsing it with
 * {@link FilterParser#parse(String)} gives an equal tree. Equality is structural; attribute names compare
 * ignoring case, as RFC 7643 §2.1 says names do.
 *
 * <p>Chains such as {@code a and b and c} are left-nested ({@code And(And(a, b), c)}), as the parser builds
 * them. {@link And#operands()} and {@link Or#operands()} flatten such a chain without recursion; the printer,
 * the evaluator and {@code equals}/{@code hashCode} use them, so a long chain costs no stack depth. Only real
 * nesting (parentheses, {@code not}, {@code [...]}) does, and the parser bounds it ({@link FilterLimits}).
 */
public sealed interface Filter permits Comparison, Present, And, Or, Not, ValueFilter {

    /** Calls the {@code visit} method of {@code visitor} for this node's kind and returns its result. */
    <R> R accept(FilterVisitor<R> visitor);

    /** Parses {@code text} with the default {@link FilterLimits}; see {@link FilterParser#parse(String)}. */
    static Filter parse(String text) {
        return FilterParser.parse(text);
    }

    /** {@code left and right}. */
    default Filter and(Filter right) {
        return new And(this, right);
    }

    /** {@code left or right}. */
    default Filter or(Filter right) {
        return new Or(this, right);
    }

    /** {@code not (this)}. */
    default Filter negate() {
        return new Not(this);
    }
}

package org.scimee.filter;

/**
 * Walks a {@link Filter} and computes a result of type {@code R} (a boolean, a predicate, a SQL fragment, ...).
 *
 * <p>Java 17 has no pattern matching for {@code switch}, so the sealed {@link Filter} family offers this
 * visitor instead: adding a node kind breaks every visitor at compile time, which is what we want.
 *
 * @param <R> the result type
 */
public interface FilterVisitor<R> {

    /** {@code attrPath compareOp compValue}. */
    R visit(Comparison filter);

    /** {@code attrPath pr}. */
    R visit(Present filter);

    /** {@code FILTER and FILTER}; {@link And#operands()} gives a whole chain at once. */
    R visit(And filter);

    /** {@code FILTER or FILTER}; {@link Or#operands()} gives a whole chain at once. */
    R visit(Or filter);

    /** {@code not (FILTER)}. */
    R visit(Not filter);

    /** {@code attrPath "[" valFilter "]"}. */
    R visit(ValueFilter filter);
}

package org.scimee.filter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.scimee.path.AttributePath;

/**
 * {@code attrPath "[" valFilter "]"}, e.g. {@code emails[type eq "work" and value co "@example.com"]}: the inner
 * filter must match one and the same value of the complex attribute (RFC 7644 §3.4.2.2 Table 5: "expressions
 * MUST be applied to the same value of a parent attribute").
 *
 * <p>Invariants, checked here so every consumer may rely on them:
 * <ul>
 *   <li>the inner filter contains no {@code ValueFilter}: RFC 7644 errata 4690 ("Nesting of valuePath (e.g.
 *       attr[a eq b and attr[c eq d]]) should not be possible");</li>
 *   <li>every path inside is a bare sub-attribute name of {@code attribute}, without schema URN or
 *       {@code .subAttr} ("FILTER uses sub-attributes of a parent attrPath"; sub-attributes are never complex,
 *       RFC 7643 §2.3.8).</li>
 * </ul>
 *
 * @param attribute the complex attribute, e.g. {@code emails}
 * @param filter    the filter over its sub-attributes, e.g. {@code type eq "work"}
 */
public record ValueFilter(AttributePath attribute, Filter filter) implements Filter {

    public ValueFilter {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(filter, "filter");
        requireValueFilterBody(filter);
    }

    /**
     * Checks the invariants above for the body of a value filter (also used for PATCH paths).
     *
     * @throws IllegalArgumentException if {@code filter} nests a value filter or names a qualified path
     */
    static void requireValueFilterBody(Filter filter) {
        Deque<Filter> pending = new ArrayDeque<>();
        pending.push(filter);
        while (!pending.isEmpty()) {
            Filter node = pending.pop();
            AttributePath path = null;
            if (node instanceof ValueFilter) {
                throw new IllegalArgumentException("value filters cannot be nested: " + node);
            } else if (node instanceof Comparison comparison) {
                path = comparison.path();
            } else if (node instanceof Present present) {
                path = present.path();
            } else if (node instanceof And and) {
                pending.push(and.left());
                pending.push(and.right());
            } else if (node instanceof Or or) {
                pending.push(or.left());
                pending.push(or.right());
            } else if (node instanceof Not not) {
                pending.push(not.filter());
            }
            if (path != null && (path.schema() != null || path.subAttribute() != null)) {
                throw new IllegalArgumentException("inside a value filter, '" + path
                        + "' must be a bare sub-attribute name");
            }
        }
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

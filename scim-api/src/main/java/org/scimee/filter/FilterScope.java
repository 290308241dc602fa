package org.scimee.filter;

import java.util.Optional;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.error.ScimException;
import org.scimee.path.AttributePath;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

/**
 * Narrows a filter to one resource type, for searches across types (RFC 7644 §3.4.3 at the service root).
 *
 * <p>A comparison on an attribute the type does not define matches no resource of that type; the rest of the
 * filter keeps its meaning. So {@code displayName eq "Admins" or userName eq "bob"} finds the group and the user.
 */
public final class FilterScope {

    /** What a filter means for one resource type. */
    public sealed interface Scoped {
    }

    /** The type's resources match only where the remaining filter does. */
    public record Narrowed(Filter filter) implements Scoped {
    }

    /** Every resource of the type matches. */
    public record All() implements Scoped {
    }

    /** No resource of the type can match. */
    public record None() implements Scoped {
    }

    private FilterScope() {
    }

    /**
     * @throws InvalidFilterException for errors that are not about the type lacking an attribute (e.g. {@code gt} on
     *                                a boolean): those are the client's error whatever the type
     */
    public static Scoped restrict(Filter filter, SchemaRegistry registry, ResourceType type) {
        FilterEvaluator evaluator = new FilterEvaluator(registry, type);
        return filter.accept(new FilterVisitor<>() {
            @Override
            public Scoped visit(Comparison leaf) {
                return leafScope(leaf);
            }

            @Override
            public Scoped visit(Present leaf) {
                return leafScope(leaf);
            }

            @Override
            public Scoped visit(ValueFilter leaf) {
                return leafScope(leaf);
            }

            @Override
            public Scoped visit(And and) {
                Scoped left = and.left().accept(this);
                Scoped right = and.right().accept(this);
                if (left instanceof None || right instanceof None) {
                    return new None();
                }
                if (left instanceof All) {
                    return right;
                }
                if (right instanceof All) {
                    return left;
                }
                return new Narrowed(new And(((Narrowed) left).filter(), ((Narrowed) right).filter()));
            }

            @Override
            public Scoped visit(Or or) {
                Scoped left = or.left().accept(this);
                Scoped right = or.right().accept(this);
                if (left instanceof All || right instanceof All) {
                    return new All();
                }
                if (left instanceof None) {
                    return right;
                }
                if (right instanceof None) {
                    return left;
                }
                return new Narrowed(new Or(((Narrowed) left).filter(), ((Narrowed) right).filter()));
            }

            @Override
            public Scoped visit(Not not) {
                Scoped inner = not.filter().accept(this);
                if (inner instanceof None) {
                    return new All();
                }
                if (inner instanceof All) {
                    return new None();
                }
                return new Narrowed(new Not(((Narrowed) inner).filter()));
            }

            private Scoped leafScope(Filter leaf) {
                Optional<ScimException> problem = check(evaluator, leaf, registry, type);
                if (problem.isEmpty()) {
                    return new Narrowed(leaf);
                }
                if (problem.get() instanceof UnknownAttribute) {
                    return new None();
                }
                throw problem.get();
            }
        });
    }

    private static Optional<ScimException> check(FilterEvaluator evaluator, Filter leaf, SchemaRegistry registry,
                                                 ResourceType type) {
        try {
            evaluator.compile(leaf);
            return Optional.empty();
        } catch (InvalidFilterException e) {
            return Optional.of(defined(leaf, registry, type) ? e : new UnknownAttribute(e.getMessage()));
        }
    }

    /** Whether the attribute a leaf names exists for the type (inside a value filter, only the outer one counts). */
    private static boolean defined(Filter leaf, SchemaRegistry registry, ResourceType type) {
        AttributePath path = leaf instanceof Comparison c ? c.path()
                : leaf instanceof Present p ? p.path() : ((ValueFilter) leaf).attribute();
        try {
            path.resolve(registry, type);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Marks the one error that means "this type lacks the attribute". */
    private static final class UnknownAttribute extends ScimException {
        UnknownAttribute(String detail) {
            super(400, "invalidFilter", detail);
        }
    }
}

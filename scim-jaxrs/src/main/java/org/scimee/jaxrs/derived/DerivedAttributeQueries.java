package org.scimee.jaxrs.derived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.filter.And;
import org.scimee.filter.Comparison;
import org.scimee.filter.Filter;
import org.scimee.filter.FilterVisitor;
import org.scimee.filter.Not;
import org.scimee.filter.Or;
import org.scimee.filter.Present;
import org.scimee.filter.ValueFilter;
import org.scimee.path.AttributePath;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.InverseReferences;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ResourceQuery;

/**
 * Refuses a query whose filter or {@code sortBy} names a derived attribute ({@link InverseReferences}, e.g.
 * {@code groups.value eq "..."}): no store holds its values, so a store would answer it wrongly (nothing matches)
 * rather than fail. The error says where the values come from and what to query instead.
 */
public final class DerivedAttributeQueries {

    private final SchemaRegistry registry;
    private final InverseReferences inverses;

    public DerivedAttributeQueries(SchemaRegistry registry) {
        this.registry = registry;
        this.inverses = new InverseReferences(registry);
    }

    /**
     * @throws InvalidFilterException if the filter names a derived attribute of {@code type}
     * @throws InvalidPathException   if {@code sortBy} does (400 {@code invalidPath}, as for every {@code sortBy}
     *                                that cannot be sorted by)
     */
    public void check(ResourceType type, ResourceQuery query) {
        if (query.filter() != null) {
            for (AttributePath path : paths(query.filter())) {
                derived(type, path).ifPresent(inverse -> {
                    throw new InvalidFilterException("cannot filter by '" + path + "': " + explain(inverse)
                            + "; to find them, filter " + instead(inverse));
                });
            }
        }
        query.sort().ifPresent(sort -> derived(type, sort.sortBy()).ifPresent(inverse -> {
            throw new InvalidPathException("cannot sort by '" + sort.sortBy() + "': " + explain(inverse));
        }));
    }

    private Optional<InverseReferences.Inverse> derived(ResourceType type, AttributePath path) {
        ResolvedPath resolved;
        try {
            resolved = path.resolve(registry, type);
        } catch (InvalidPathException unknown) {
            return Optional.empty(); // the store reports unknown attributes, with its usual message
        }
        return inverses.find(type, resolved.extension() ? resolved.schema().id() : null, resolved.attribute());
    }

    /** E.g. "groups is computed from the members of Group resources, not stored". */
    private static String explain(InverseReferences.Inverse inverse) {
        return inverse.attribute().name() + " is computed from " + inverse.sources().stream()
                .map(s -> "the " + s.reference().attribute().name() + " of " + s.type().name() + " resources")
                .collect(Collectors.joining(" and ")) + ", not stored";
    }

    /** E.g. {@code /Groups by members.value (members.value eq "<id>")}. */
    private static String instead(InverseReferences.Inverse inverse) {
        return inverse.sources().stream().map(s -> {
            AttributePath value = new AttributePath(s.reference().urn(), s.reference().attribute().name(),
                    s.reference().value().name());
            return s.type().endpoint() + " by " + value + " (" + value + " eq \"<id>\")";
        }).collect(Collectors.joining(" or "));
    }

    /** The attribute paths a filter names at the top level (a value filter's own attribute, not its sub-attributes). */
    private static List<AttributePath> paths(Filter filter) {
        List<AttributePath> paths = new ArrayList<>();
        filter.accept(new FilterVisitor<Void>() {
            @Override
            public Void visit(Comparison comparison) {
                paths.add(comparison.path());
                return null;
            }

            @Override
            public Void visit(Present present) {
                paths.add(present.path());
                return null;
            }

            @Override
            public Void visit(And and) {
                and.operands().forEach(operand -> operand.accept(this));
                return null;
            }

            @Override
            public Void visit(Or or) {
                or.operands().forEach(operand -> operand.accept(this));
                return null;
            }

            @Override
            public Void visit(Not not) {
                return not.filter().accept(this);
            }

            @Override
            public Void visit(ValueFilter valueFilter) {
                paths.add(valueFilter.attribute());
                return null;
            }
        });
        return paths;
    }
}

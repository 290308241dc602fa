package org.scimee.jpa;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.filter.And;
import org.scimee.filter.Comparison;
import org.scimee.filter.ComparisonOperator;
import org.scimee.filter.Filter;
import org.scimee.filter.FilterEvaluator;
import org.scimee.filter.FilterVisitor;
import org.scimee.filter.Literal;
import org.scimee.filter.Literal.BooleanLiteral;
import org.scimee.filter.Literal.NullLiteral;
import org.scimee.filter.Literal.NumberLiteral;
import org.scimee.filter.Literal.StringLiteral;
import org.scimee.filter.Not;
import org.scimee.filter.Or;
import org.scimee.filter.Present;
import org.scimee.filter.ValueFilter;
import org.scimee.path.AttributePath;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.DateTimes;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

/**
 * Translates a filter into a SQL condition on {@code scim_resource r}, over the rows {@link ValueRows} writes,
 * with exactly {@link FilterEvaluator}'s semantics. Values are bound, never written into the SQL.
 *
 * <ul>
 *   <li>{@code a op v}: {@code EXISTS (SELECT 1 FROM scim_value v WHERE v.resource_id = r.id AND v.path = 'a' AND
 *       <typed test>)}, or on H2 {@code r.id IN (SELECT resource_id ...)} (see the constructor) -- any value
 *       matches; the typed test reads {@code k_key}/{@code v_key} (strings, operand folded unless caseExact),
 *       or {@code v_num} (numbers, booleans 0/1, dateTimes as epoch seconds);</li>
 *   <li>{@code ne}: {@code NOT EXISTS}/{@code NOT IN} of the {@code eq} test (the evaluator's complement, so absent attributes match);
 *       {@code eq null}: no row at the path; {@code ne null}: some row;
 *       {@code pr}: some row with {@code present = 1};</li>
 *   <li>{@code and}/{@code or}/{@code not}: the same SQL operators, every operand parenthesised;</li>
 *   <li>{@code a[f]}: {@code EXISTS (SELECT 1 FROM scim_value c WHERE c.resource_id = r.id AND c.path = 'a' AND f')}, where each
 *       test in {@code f'} is an {@code EXISTS} on a row of the same resource with {@code element = c.element}: one
 *       and the same value of {@code a} must satisfy the whole of {@code f}.</li>
 * </ul>
 * The filter is first compiled by {@link FilterEvaluator}, so every filter it refuses fails here with the same
 * {@link InvalidFilterException}, and the translation may assume a meaningful filter.
 */
final class SqlFilter {

    /** The escape character of LIKE patterns: not a backslash, whose meaning in SQL literals differs by database. */
    static final char ESCAPE = '!';

    private final SchemaRegistry registry;
    private final ResourceType type;
    private final String tenant;

    private final boolean correlated;

    /**
     * @param correlated how a top-level test finds the resources with a matching value: {@code true} with a
     *                   correlated {@code EXISTS} per resource, which PostgreSQL and MariaDB turn into a semi-join
     *                   (driven by the value index when it is selective) at the top level, and into one index probe
     *                   per resource under {@code or}/{@code not}; {@code false} with an uncorrelated
     *                   {@code r.id IN (SELECT ...)}, which H2 evaluates once and looks up by primary key (H2 runs
     *                   a correlated {@code EXISTS} once per resource, even for {@code userName eq}). PostgreSQL
     *                   must not get {@code IN}: under {@code or}/{@code not}, a sub-select larger than
     *                   {@code work_mem} is not hashed but rescanned for every resource.
     */
    SqlFilter(SchemaRegistry registry, ResourceType type, String tenant, boolean correlated) {
        this.registry = registry;
        this.type = type;
        this.tenant = tenant;
        this.correlated = correlated;
    }

    /** The condition, on a query whose resource table is aliased {@code r}. */
    Sql where(Filter filter) {
        new FilterEvaluator(registry, type).compile(filter);
        return filter.accept(new Translator(null, null));
    }

    /**
     * {@code parent} is {@code null} at the top level, where conditions are on {@code r}; inside a value filter
     * it is the complex attribute, and conditions are on its container row {@code c}.
     */
    private final class Translator implements FilterVisitor<Sql> {
        private final ResolvedPath parent;
        private final String parentPath;

        Translator(ResolvedPath parent, String parentPath) {
            this.parent = parent;
            this.parentPath = parentPath;
        }

        @Override
        public Sql visit(And filter) {
            return join(filter.operands(), " AND ");
        }

        @Override
        public Sql visit(Or filter) {
            return join(filter.operands(), " OR ");
        }

        @Override
        public Sql visit(Not filter) {
            return new Sql().append("NOT (").append(filter.filter().accept(this)).append(")");
        }

        @Override
        public Sql visit(ValueFilter filter) {
            ResolvedPath resolved = resolve(filter.attribute());
            String path = ValueRows.path(resolved, null);
            Sql inner = filter.filter().accept(new Translator(resolved, path));
            // correlated: per resource, an index look-up of its few values of the attribute
            return new Sql().append("EXISTS (SELECT 1 FROM scim_value c WHERE c.tenant = r.tenant"
                            + " AND c.resource_type = r.resource_type AND c.resource_id = r.id AND c.path = ").bind(path)
                    .append(" AND (").append(inner).append("))");
        }

        @Override
        public Sql visit(Present filter) {
            return rows(target(filter.path(), true).path, true, new Sql().append("v.present = 1"));
        }

        @Override
        public Sql visit(Comparison filter) {
            Target target = target(filter.path(), filter.value() instanceof NullLiteral);
            ComparisonOperator operator = filter.operator();
            if (filter.value() instanceof NullLiteral) {
                // eq null: no non-null value at the path; ne null: some
                return rows(target.path, operator == ComparisonOperator.NE, null);
            }
            if (operator == ComparisonOperator.NE) {
                return rows(target.path, false, test(target.definition, ComparisonOperator.EQ, filter.value()));
            }
            return rows(target.path, true, test(target.definition, operator, filter.value()));
        }

        private Sql join(List<Filter> operands, String operator) {
            Sql sql = new Sql().append("(");
            for (int i = 0; i < operands.size(); i++) {
                sql.append(i == 0 ? "(" : operator + "(").append(operands.get(i).accept(this)).append(")");
            }
            return sql.append(")");
        }

        /**
         * Whether ({@code exists}) or not the resource -- inside a value filter, the current element -- has a row
         * at {@code path} passing {@code test} ({@code null}: any row).
         */
        private Sql rows(String path, boolean exists, Sql test) {
            Sql sql = new Sql();
            if (parent == null && correlated) {
                sql.append(exists ? "EXISTS (" : "NOT EXISTS (")
                        .append("SELECT 1 FROM scim_value v WHERE v.tenant = ").bind(tenant)
                        .append(" AND v.resource_type = ").bind(type.id())
                        .append(" AND v.resource_id = r.id");
            } else if (parent == null) {
                sql.append(exists ? "r.id IN (" : "r.id NOT IN (")
                        .append("SELECT v.resource_id FROM scim_value v WHERE v.tenant = ").bind(tenant)
                        .append(" AND v.resource_type = ").bind(type.id());
            } else {
                sql.append(exists ? "EXISTS (" : "NOT EXISTS (")
                        .append("SELECT 1 FROM scim_value v WHERE v.tenant = c.tenant AND v.resource_type = c.resource_type"
                                + " AND v.resource_id = c.resource_id AND v.element = c.element");
            }
            sql.append(" AND v.path = ").bind(path);
            if (test != null) {
                sql.append(" AND ").append(test);
            }
            return sql.append(")");
        }

        /** The path whose rows hold the values a filter path names, and their definition (cf. the evaluator's target). */
        private Target target(AttributePath path, boolean whole) {
            if (parent != null) {
                Attribute sub = parent.attribute().subAttribute(path.attribute()).orElseThrow();
                return new Target(ValueRows.path(parent, sub), sub);
            }
            ResolvedPath resolved = resolve(path);
            Attribute attribute = resolved.attribute();
            Attribute sub = resolved.subAttribute();
            if (sub == null && attribute.type() == AttributeType.COMPLEX && !whole) {
                sub = attribute.subAttribute("value").orElseThrow();
            }
            return new Target(ValueRows.path(resolved, sub), sub != null ? sub : attribute);
        }

        private ResolvedPath resolve(AttributePath path) {
            try {
                return path.resolve(registry, type);
            } catch (InvalidPathException e) {
                throw new InvalidFilterException(e.detail(), e);
            }
        }
    }

    private record Target(String path, Attribute definition) {
    }

    /** The test one {@code scim_value v} row must pass for {@code attribute operator literal} (not ne, not null). */
    private static Sql test(Attribute attribute, ComparisonOperator operator, Literal literal) {
        Sql sql = new Sql();
        switch (attribute.type()) {
            case STRING, REFERENCE, BINARY -> {
                String text = ((StringLiteral) literal).value();
                boolean caseExact = attribute.type() != AttributeType.STRING || attribute.caseExact();
                String key = caseExact ? text : text.toLowerCase(Locale.ROOT);
                boolean fitsPrefix = key.length() < ValueRows.KEY_PREFIX - 1;
                switch (operator) {
                    case EQ -> {
                        // k_key is indexed; for a short operand it decides alone, a long one also needs the full text
                        sql.append("v.k_key = ").bind(ValueRows.prefix(key));
                        if (!fitsPrefix) {
                            sql.append(" AND v.v_key = ").bind(key);
                        }
                    }
                    case SW -> {
                        if (fitsPrefix) {
                            sql.append("v.k_key LIKE ").bind(like(key) + "%").append(" ESCAPE '" + ESCAPE + "'");
                        } else {
                            sql.append("v.k_key = ").bind(ValueRows.prefix(key))
                                    .append(" AND v.v_key LIKE ").bind(like(key) + "%").append(" ESCAPE '" + ESCAPE + "'");
                        }
                    }
                    case CO -> sql.append("v.v_key LIKE ").bind("%" + like(key) + "%").append(" ESCAPE '" + ESCAPE + "'");
                    case EW -> sql.append("v.v_key LIKE ").bind("%" + like(key)).append(" ESCAPE '" + ESCAPE + "'");
                    case GT, GE, LT, LE -> sql.append("v.v_key ").append(symbol(operator)).append(" ").bind(key);
                    case NE -> throw new IllegalStateException("ne is translated as not eq");
                }
            }
            case INTEGER, DECIMAL -> sql.append("v.v_num ").append(symbol(operator)).append(" ")
                    .bind(((NumberLiteral) literal).value());
            case BOOLEAN -> sql.append("v.v_num = ").bind(((BooleanLiteral) literal).value() ? BigDecimal.ONE : BigDecimal.ZERO);
            case DATE_TIME -> sql.append("v.v_num ").append(symbol(operator)).append(" ")
                    .bind(ValueRows.seconds(DateTimes.parse(((StringLiteral) literal).value()).orElse(null)));
            case COMPLEX -> throw new IllegalStateException("the evaluator refuses comparisons on complex attributes");
        }
        return sql;
    }

    private static String symbol(ComparisonOperator operator) {
        return switch (operator) {
            case EQ -> "=";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new IllegalStateException(operator + " is not an ordering");
        };
    }

    /** {@code text} as a LIKE pattern matching exactly itself: {@code %}, {@code _} and the escape escaped. */
    static String like(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}

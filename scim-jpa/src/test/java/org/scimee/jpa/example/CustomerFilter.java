package org.scimee.jpa.example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.filter.And;
import org.scimee.filter.Comparison;
import org.scimee.filter.ComparisonOperator;
import org.scimee.filter.Filter;
import org.scimee.filter.FilterEvaluator;
import org.scimee.filter.FilterVisitor;
import org.scimee.filter.Literal;
import org.scimee.filter.Not;
import org.scimee.filter.Or;
import org.scimee.filter.Present;
import org.scimee.filter.ValueFilter;
import org.scimee.jpa.example.CustomerMapping.Derived;
import org.scimee.jpa.example.CustomerMapping.InColumn;
import org.scimee.jpa.example.CustomerMapping.Nowhere;
import org.scimee.jpa.example.CustomerMapping.Place;
import org.scimee.path.AttributePath;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

/**
 * Translates a SCIM filter into a JPQL condition over {@code Customer c}, so the database does the filtering.
 *
 * <p>What it pushes down, with the semantics of the library's in-memory {@link FilterEvaluator}:
 * <ul>
 *   <li>{@code and}, {@code or}, {@code not} over everything below; every leaf is two-valued (a NULL column makes
 *       it false, never SQL's unknown), so {@code not} means exactly "does not match";</li>
 *   <li>{@code eq ne co sw ew pr} (and {@code eq null}, {@code ne null}) on the string columns: userName,
 *       name.givenName, name.familyName, emails.value ({@code emails} alone means emails.value). Case follows the
 *       schema's {@code caseExact}: these four are case-insensitive, compared as {@code LOWER(column)};</li>
 *   <li>{@code eq ne pr} on {@code id} and {@code active}; {@code pr} / {@code eq null} on {@code name} and
 *       {@code emails} as a whole;</li>
 *   <li>attributes the table cannot hold (displayName, externalId, the enterprise extension, ...): every customer
 *       has them unassigned, so the answer is known without a column ({@code pr} and {@code eq} are false,
 *       {@code ne} and {@code eq null} true).</li>
 * </ul>
 * Everything else is refused with 400 {@code invalidFilter} naming the attribute and operator: {@code gt ge lt le}
 * (the database's collation would order strings differently from SCIM's rules), value filters
 * ({@code emails[type eq "work"]}), {@code meta.*}, {@code emails.type} and {@code emails.primary}.
 */
final class CustomerFilter implements FilterVisitor<String> {

    /** Always true and always false, as conditions over Customer c (the id is never NULL). */
    static final String TRUE = "c.id IS NOT NULL";
    static final String FALSE = "c.id IS NULL";

    /** The LIKE escape character: rarer in e-mail addresses and logins than a backslash, and no string-literal trouble. */
    private static final char ESCAPE = '!';
    private static final String FILTERS = "this server keeps Users in the application's customer table and filters "
            + "userName, name.givenName, name.familyName and emails.value with eq, ne, co, sw, ew and pr, and id and "
            + "active with eq, ne and pr";

    private final SchemaRegistry registry;
    private final ResourceType type;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private CustomerFilter(SchemaRegistry registry, ResourceType type) {
        this.registry = registry;
        this.type = type;
    }

    /** A JPQL condition and the values of its named parameters. */
    record Condition(String jpql, Map<String, Object> parameters) {
    }

    /**
     * Translates {@code filter} for resources of {@code type}.
     *
     * @throws InvalidFilterException if the filter is wrong for the schema, or asks what this store cannot answer
     */
    static Condition translate(SchemaRegistry registry, ResourceType type, Filter filter) {
        // Let the library check the filter against the schema first (unknown attributes, a string compared with
        // a boolean, gt on a boolean, ...), so clients get the same 400s from this store as from any other.
        new FilterEvaluator(registry, type).compile(filter);
        CustomerFilter translator = new CustomerFilter(registry, type);
        String jpql = filter.accept(translator);
        return new Condition(jpql, Map.copyOf(translator.parameters));
    }

    @Override
    public String visit(And filter) {
        return join(filter.operands(), " AND ");
    }

    @Override
    public String visit(Or filter) {
        return join(filter.operands(), " OR ");
    }

    @Override
    public String visit(Not filter) {
        return "NOT (" + filter.filter().accept(this) + ")";
    }

    @Override
    public String visit(ValueFilter filter) {
        throw new InvalidFilterException("'" + filter + "': " + FILTERS + "; it cannot filter with [...] on "
                + filter.attribute());
    }

    @Override
    public String visit(Present filter) {
        ResolvedPath path = resolve(filter.path(), filter);
        if (isWholeComplex(path)) {
            return anyPresent(path);
        }
        Place place = CustomerMapping.place(path);
        if (place instanceof InColumn column) {
            return present(column);
        }
        if (place instanceof Nowhere) {
            return FALSE;
        }
        throw cannot(filter, filter.path(), "pr");
    }

    @Override
    public String visit(Comparison filter) {
        ComparisonOperator operator = filter.operator();
        boolean nullValue = filter.value() instanceof Literal.NullLiteral;
        ResolvedPath path = resolve(filter.path(), filter);
        if (isWholeComplex(path)) {
            if (nullValue) {
                String any = anyPresentOrAssigned(path);
                return operator == ComparisonOperator.EQ ? "NOT (" + any + ")" : any;
            }
            // 'emails co "@example.com"' compares emails.value (RFC 7643 §2.4), as the evaluator does
            path = resolve(filter.path().withSubAttribute("value"), filter);
        }
        Place place = CustomerMapping.place(path);
        if (place instanceof Nowhere) {
            // unassigned for every customer: only "ne x", "eq null" match (ne is the complement of eq)
            boolean matches = nullValue ? operator == ComparisonOperator.EQ : operator == ComparisonOperator.NE;
            return matches ? TRUE : FALSE;
        }
        if (!(place instanceof InColumn column)) {
            throw cannot(filter, filter.path(), operator.token());
        }
        if (nullValue) {
            return operator == ComparisonOperator.EQ ? column.jpql() + " IS NULL" : column.jpql() + " IS NOT NULL";
        }
        if (operator == ComparisonOperator.NE) {
            return "NOT (" + compare(filter, column, ComparisonOperator.EQ) + ")";
        }
        return compare(filter, column, operator);
    }

    /** {@code column operator value}, false where the column is NULL. */
    private String compare(Comparison filter, InColumn column, ComparisonOperator operator) {
        String jpql = column.jpql();
        if (jpql.equals(CustomerMapping.ID)) {
            if (operator != ComparisonOperator.EQ) {
                throw cannot(filter, filter.path(), operator.token());
            }
            // ids are decimal numbers; "042" or "abc" name no customer (and must not find customer 42)
            String id = ((Literal.StringLiteral) filter.value()).value();
            Long number = CustomerUserStore.parseId(id);
            return number == null ? FALSE : jpql + " = " + parameter(number);
        }
        if (column.definition().type() == AttributeType.BOOLEAN) {
            // the evaluator allowed only eq/ne with true/false; active is NOT NULL
            return jpql + " = " + parameter(((Literal.BooleanLiteral) filter.value()).value());
        }
        if (operator.isOrdering()) {
            throw cannot(filter, filter.path(), operator.token());
        }
        String value = ((Literal.StringLiteral) filter.value()).value();
        boolean caseExact = column.definition().caseExact();
        String expression = caseExact ? jpql : "LOWER(" + jpql + ")";
        String operand = caseExact ? value : value.toLowerCase(Locale.ROOT);
        String test = switch (operator) {
            case EQ -> expression + " = " + parameter(operand);
            case CO -> expression + " LIKE " + parameter("%" + escape(operand) + "%") + " ESCAPE '" + ESCAPE + "'";
            case SW -> expression + " LIKE " + parameter(escape(operand) + "%") + " ESCAPE '" + ESCAPE + "'";
            case EW -> expression + " LIKE " + parameter("%" + escape(operand)) + " ESCAPE '" + ESCAPE + "'";
            default -> throw new IllegalStateException(operator.token());
        };
        return "(" + jpql + " IS NOT NULL AND " + test + ")";
    }

    /** RFC 7644 {@code pr}: "a non-empty or non-null value". */
    private static String present(InColumn column) {
        String jpql = column.jpql();
        return column.definition().type() == AttributeType.STRING
                ? "(" + jpql + " IS NOT NULL AND " + jpql + " <> '')"
                : jpql + " IS NOT NULL";
    }

    /** {@code name pr}, {@code emails pr}: some sub-attribute the table holds has a value. */
    private String anyPresent(ResolvedPath path) {
        List<String> alternatives = new ArrayList<>();
        for (Place place : subPlaces(path)) {
            if (place instanceof InColumn column) {
                alternatives.add(present(column));
            }
        }
        return alternatives.isEmpty() ? FALSE : "(" + String.join(" OR ", alternatives) + ")";
    }

    /** {@code name ne null}: some sub-attribute the table holds is assigned. */
    private String anyPresentOrAssigned(ResolvedPath path) {
        List<String> alternatives = new ArrayList<>();
        for (Place place : subPlaces(path)) {
            if (place instanceof InColumn column) {
                alternatives.add(column.jpql() + " IS NOT NULL");
            }
        }
        return alternatives.isEmpty() ? FALSE : "(" + String.join(" OR ", alternatives) + ")";
    }

    private List<Place> subPlaces(ResolvedPath path) {
        List<Place> places = new ArrayList<>();
        for (Attribute sub : path.attribute().subAttributes()) {
            places.add(CustomerMapping.place(new ResolvedPath(path.schema(), path.attribute(), sub, path.extension())));
        }
        return places;
    }

    private static boolean isWholeComplex(ResolvedPath path) {
        return path.subAttribute() == null && path.attribute().type() == AttributeType.COMPLEX;
    }

    private String join(List<Filter> operands, String operator) {
        List<String> parts = new ArrayList<>(operands.size());
        for (Filter operand : operands) {
            parts.add(operand.accept(this));
        }
        return "(" + String.join(operator, parts) + ")";
    }

    private String parameter(Object value) {
        String name = "p" + (parameters.size() + 1);
        parameters.put(name, value);
        return ":" + name;
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == ESCAPE || c == '%' || c == '_') {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private ResolvedPath resolve(AttributePath path, Filter filter) {
        try {
            return path.resolve(registry, type);
        } catch (InvalidPathException e) {
            throw new InvalidFilterException("'" + filter + "': " + e.detail(), e);
        }
    }

    private static InvalidFilterException cannot(Filter filter, AttributePath path, String operator) {
        return new InvalidFilterException("'" + filter + "': " + FILTERS + "; it cannot filter on " + path + " with "
                + operator);
    }
}

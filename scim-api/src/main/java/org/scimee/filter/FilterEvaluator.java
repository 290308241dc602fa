package org.scimee.filter;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.filter.Literal.BooleanLiteral;
import org.scimee.filter.Literal.NullLiteral;
import org.scimee.filter.Literal.NumberLiteral;
import org.scimee.filter.Literal.StringLiteral;
import org.scimee.path.AttributePath;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.DateTimes;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

/**
 * Evaluates filters against resources of one resource type, in memory, driven by the schema.
 *
 * <p>Resources are JSON objects in canonical form (see {@code ResourceValidator}): attribute names as the
 * schema spells them, extension attributes in an object under the extension URN. {@link #compile(Filter)} checks
 * the whole filter against the schema once, so a filter that is meaningless for this resource type fails with
 * {@link InvalidFilterException} whatever the data (no short-circuit hides an error), and returns a predicate to
 * run over many resources.
 *
 * <p>Semantics, each rule quoted from RFC 7644 §3.4.2.2 (or RFC 7643) where it is implemented:
 * <ul>
 *   <li>strings compare by the attribute's {@code caseExact} for every operator; references and binaries are
 *       always case-exact; case-insensitive comparison lower-cases both sides with {@link Locale#ROOT}, and
 *       {@code gt ge lt le} on strings compare UTF-16 code units ("lexicographical");</li>
 *   <li>integer and decimal compare numerically ({@code 1.0 eq 1}); dateTime compares instants, a value without
 *       offset being taken as UTC; booleans take {@code eq}/{@code ne} only; binaries {@code eq}/{@code ne}/{@code pr};</li>
 *   <li>a multi-valued attribute matches if any value matches; a multi-valued complex attribute named without
 *       sub-attribute, other than with {@code pr}, means its {@code value} sub-attribute;</li>
 *   <li>{@code ne} is the complement of {@code eq}: it matches an absent attribute, and a multi-valued attribute
 *       only when no value equals (so {@code a ne x} and {@code not (a eq x)} always agree);</li>
 *   <li>{@code eq null} matches an unassigned attribute (absent, null, or an empty array), {@code ne null} an
 *       assigned one, complex attributes included; {@code null} with any other operator is an error;</li>
 *   <li>the comparison value must fit the attribute type: a JSON string for string, reference, binary and
 *       dateTime (which must parse as xsd:dateTime); a number for integer and decimal; true/false for boolean.
 *       Anything else, {@code co sw ew} on non-strings, and a comparison on a complex attribute without
 *       sub-attribute, is an {@link InvalidFilterException};</li>
 *   <li>unknown attributes are an {@link InvalidFilterException}: only the schema decides what exists.</li>
 * </ul>
 * A stored value of the wrong JSON type (which validation should have refused) simply does not match.
 */
public final class FilterEvaluator {

    /** xsd:dateTime as java.time reads it: ISO local date-time with an optional offset (and optional zone id). */

    private final SchemaRegistry registry;
    private final ResourceType type;

    public FilterEvaluator(SchemaRegistry registry, ResourceType type) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Whether {@code resource} matches {@code filter}.
     *
     * @throws InvalidFilterException if the filter is meaningless for this resource type
     */
    public boolean matches(Filter filter, JsonObject resource) {
        return compile(filter).test(resource);
    }

    /**
     * Checks {@code filter} against the schema and returns a predicate over resources of this type.
     *
     * @throws InvalidFilterException if the filter names unknown attributes or compares values it cannot
     */
    public Predicate<JsonObject> compile(Filter filter) {
        return filter.accept(new Compiler(null));
    }

    /**
     * Checks the body of a value filter ({@code emails[type eq "work"]}, without the brackets) against the
     * sub-attributes of {@code parent} and returns a predicate over ONE value of {@code parent}: for PATCH, which
     * must find the values a {@code valuePath} selects, not only whether some value matches.
     *
     * @param parent a complex attribute (single- or multi-valued) of this resource type
     * @throws InvalidFilterException if {@code parent} is not complex, or the filter names unknown sub-attributes,
     *                                nests a value filter or compares values it cannot
     */
    public Predicate<JsonObject> compileValueFilter(Attribute parent, Filter filter) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(filter, "filter");
        if (parent.type() != AttributeType.COMPLEX) {
            throw new InvalidFilterException("'" + parent.name() + "' is not a complex attribute, so it cannot be "
                    + "filtered with [...]");
        }
        return filter.accept(new Compiler(parent));
    }

    /**
     * Turns each node into a predicate. {@code parent} is {@code null} at the top level, where predicates take a
     * resource; inside a value filter it is the complex attribute, and predicates take one of its values.
     */
    private final class Compiler implements FilterVisitor<Predicate<JsonObject>> {

        private final Attribute parent;

        Compiler(Attribute parent) {
            this.parent = parent;
        }

        @Override
        public Predicate<JsonObject> visit(And filter) {
            List<Predicate<JsonObject>> operands = compileAll(filter.operands());
            // Table 4: "The filter is only a match if both expressions evaluate to true."
            return resource -> {
                for (Predicate<JsonObject> operand : operands) {
                    if (!operand.test(resource)) {
                        return false;
                    }
                }
                return true;
            };
        }

        @Override
        public Predicate<JsonObject> visit(Or filter) {
            List<Predicate<JsonObject>> operands = compileAll(filter.operands());
            // Table 4: "The filter is a match if either expression evaluates to true."
            return resource -> {
                for (Predicate<JsonObject> operand : operands) {
                    if (operand.test(resource)) {
                        return true;
                    }
                }
                return false;
            };
        }

        @Override
        public Predicate<JsonObject> visit(Not filter) {
            // Table 4: "The filter is a match if the expression evaluates to false."
            return filter.filter().accept(this).negate();
        }

        @Override
        public Predicate<JsonObject> visit(ValueFilter filter) {
            if (parent != null) {
                throw new InvalidFilterException("'" + filter + "': value filters cannot be nested");
            }
            ResolvedPath resolved = resolve(filter.attribute(), filter);
            Attribute attribute = resolved.attribute();
            if (resolved.subAttribute() != null || attribute.type() != AttributeType.COMPLEX) {
                throw new InvalidFilterException("'" + filter + "': '" + filter.attribute()
                        + "' is not a complex attribute, so it cannot be filtered with [...]");
            }
            Predicate<JsonObject> inner = filter.filter().accept(new Compiler(attribute));
            // Table 5: "expressions MUST be applied to the same value of a parent attribute specified immediately
            // before the left square bracket" -- so the whole inner filter is tested against one value at a time.
            return resource -> {
                for (JsonValue value : values(resolved.topLevelValue(resource), attribute.multiValued())) {
                    if (value instanceof JsonObject element && inner.test(element)) {
                        return true;
                    }
                }
                return false;
            };
        }

        @Override
        public Predicate<JsonObject> visit(Present filter) {
            Target target = target(filter.path(), filter, true);
            // Table 3, pr: "If the attribute has a non-empty or non-null value, or if it contains a non-empty node
            // for complex attributes, there is a match."
            return resource -> {
                for (JsonValue value : target.values.apply(resource)) {
                    if (isPresent(value)) {
                        return true;
                    }
                }
                return false;
            };
        }

        @Override
        public Predicate<JsonObject> visit(Comparison filter) {
            boolean nullValue = filter.value() instanceof NullLiteral;
            // eq/ne null ask whether the attribute itself is assigned, so they are allowed on complex attributes too
            Target target = target(filter.path(), filter, nullValue);
            ComparisonOperator operator = filter.operator();
            if (nullValue) {
                // RFC 7643 §2.5: "Unassigned attributes, the null value, or empty array (in the case of a
                // multi-valued attribute) SHALL be considered to be equivalent in "state"."
                if (operator == ComparisonOperator.EQ) {
                    return resource -> target.values.apply(resource).isEmpty();
                }
                if (operator == ComparisonOperator.NE) {
                    return resource -> !target.values.apply(resource).isEmpty();
                }
                throw new InvalidFilterException("'" + filter + "': null can only be compared with eq or ne");
            }
            if (operator == ComparisonOperator.NE) {
                // Table 3, ne: "The attribute and operator values are not identical." We take it as the complement
                // of eq, so an absent attribute matches and a multi-valued one matches when no value is identical.
                Predicate<JsonValue> equal = valueMatcher(target.definition, ComparisonOperator.EQ, filter);
                return resource -> !anyMatches(target.values.apply(resource), equal);
            }
            Predicate<JsonValue> matcher = valueMatcher(target.definition, operator, filter);
            // "If the specified attribute in a filter expression is a multi-valued attribute, the filter matches if
            // any of the values of the specified attribute match the specified criterion"
            return resource -> anyMatches(target.values.apply(resource), matcher);
        }

        private List<Predicate<JsonObject>> compileAll(List<Filter> operands) {
            List<Predicate<JsonObject>> compiled = new ArrayList<>(operands.size());
            for (Filter operand : operands) {
                compiled.add(operand.accept(this));
            }
            return compiled;
        }

        /**
         * The definition a path names and how to pull its (flattened, non-null) values out of the input.
         * {@code whole}: the test is about the attribute itself ({@code pr}, {@code eq null}), so a complex
         * attribute needs no sub-attribute.
         */
        private Target target(AttributePath path, Filter filter, boolean whole) {
            if (parent != null) {
                if (path.schema() != null || path.subAttribute() != null) {
                    throw new InvalidFilterException("'" + filter + "': inside " + parent.name()
                            + "[...] name a sub-attribute of " + parent.name() + " without URN or '.'");
                }
                Attribute sub = parent.subAttribute(path.attribute()).orElseThrow(() -> new InvalidFilterException(
                        "'" + filter + "': '" + path.attribute() + "' is not a sub-attribute of '" + parent.name() + "'"));
                return new Target(sub, element -> values(element.get(sub.name()), sub.multiValued()));
            }
            ResolvedPath resolved = resolve(path, filter);
            Attribute attribute = resolved.attribute();
            Attribute sub = resolved.subAttribute();
            if (sub == null && attribute.type() == AttributeType.COMPLEX && !whole) {
                // RFC 7644 §3.4.2.2: "For complex attributes, a fully qualified sub-attribute MUST be specified";
                // yet its example 'emails co "example.com"' (next to 'emails.value co "example.org"') compares a
                // multi-valued complex attribute through its "value" sub-attribute (RFC 7643 §2.4), so we do too.
                sub = attribute.multiValued() ? attribute.subAttribute("value").orElse(null) : null;
                if (sub == null) {
                    throw new InvalidFilterException("'" + filter + "': '" + path + "' is a complex attribute; "
                            + "compare one of its sub-attributes (e.g. " + path + "."
                            + attribute.subAttributes().get(0).name() + ")");
                }
            }
            if (sub == null) {
                return new Target(attribute, resource -> values(resolved.topLevelValue(resource), attribute.multiValued()));
            }
            Attribute subAttribute = sub;
            return new Target(subAttribute, resource -> {
                List<JsonValue> result = new ArrayList<>();
                for (JsonValue element : values(resolved.topLevelValue(resource), attribute.multiValued())) {
                    if (element instanceof JsonObject object) {
                        result.addAll(values(object.get(subAttribute.name()), subAttribute.multiValued()));
                    }
                }
                return result;
            });
        }

        private ResolvedPath resolve(AttributePath path, Filter filter) {
            try {
                return path.resolve(registry, type);
            } catch (InvalidPathException e) {
                throw new InvalidFilterException("'" + filter + "': " + e.detail(), e);
            }
        }
    }

    /** A schema definition and the function giving its values in a resource (or in one complex value). */
    private record Target(Attribute definition, Function<JsonObject, List<JsonValue>> values) {
    }

    /**
     * The test one stored value must pass for {@code attribute operator literal} (never {@code ne}, which callers
     * turn into "not eq", nor a null literal), after checking the combination is meaningful.
     */
    private static Predicate<JsonValue> valueMatcher(Attribute attribute, ComparisonOperator operator, Comparison filter) {
        Literal literal = filter.value();
        AttributeType type = attribute.type();
        if (operator.isOrdering() && (type == AttributeType.BOOLEAN || type == AttributeType.BINARY)) {
            // Table 3, gt/ge/lt/le: "Boolean and Binary attributes SHALL cause a failed response (HTTP status code
            // 400) with "scimType" of "invalidFilter"."
            throw new InvalidFilterException("'" + filter + "': " + operator + " cannot compare " + type
                    + " attributes (RFC 7644 §3.4.2.2)");
        }
        if (operator.isSubstring() && type != AttributeType.STRING && type != AttributeType.REFERENCE) {
            throw new InvalidFilterException("'" + filter + "': " + operator + " compares strings, but '"
                    + attribute.name() + "' is " + type);
        }
        switch (type) {
            case STRING, REFERENCE, BINARY -> {
                String expected = requireString(literal, attribute, filter);
                // "When comparing attributes of type String, the case sensitivity for String type attributes SHALL be
                // determined by the attribute's "caseExact" characteristic"; RFC 7643 §2.3.6/§2.3.7: "A binary is case
                // exact" and "A reference is case exact."
                boolean caseExact = type != AttributeType.STRING || attribute.caseExact();
                String operand = caseExact ? expected : fold(expected);
                return value -> value instanceof JsonString string
                        && compareStrings(operator, caseExact ? string.getString() : fold(string.getString()), operand);
            }
            case INTEGER, DECIMAL -> {
                if (!(literal instanceof NumberLiteral number)) {
                    throw wrongType(filter, attribute, "a number");
                }
                BigDecimal expected = number.value();
                // Table 3: "For integer attributes, it is a comparison by numeric value."
                return value -> value instanceof JsonNumber stored && ordered(operator, stored.bigDecimalValue().compareTo(expected));
            }
            case BOOLEAN -> {
                if (!(literal instanceof BooleanLiteral bool)) {
                    throw wrongType(filter, attribute, "true or false");
                }
                JsonValue.ValueType expected = bool.value() ? JsonValue.ValueType.TRUE : JsonValue.ValueType.FALSE;
                return value -> value.getValueType() == expected;
            }
            case DATE_TIME -> {
                String text = requireString(literal, attribute, filter);
                Instant expected = DateTimes.parse(text).orElse(null);
                if (expected == null) {
                    throw new InvalidFilterException("'" + filter + "': '" + text + "' is not an xsd:dateTime such as "
                            + "2011-05-13T04:42:34Z");
                }
                // Table 3: "for DateTime types, it is a chronological comparison."
                return value -> {
                    Instant stored = value instanceof JsonString string ? DateTimes.parse(string.getString()).orElse(null) : null;
                    return stored != null && ordered(operator, stored.compareTo(expected));
                };
            }
            default -> throw new InvalidFilterException("'" + filter + "': '" + attribute.name()
                    + "' is a complex attribute; compare one of its sub-attributes");
        }
    }

    private static String requireString(Literal literal, Attribute attribute, Comparison filter) {
        if (literal instanceof StringLiteral string) {
            return string.value();
        }
        throw wrongType(filter, attribute, "a JSON string");
    }

    private static InvalidFilterException wrongType(Comparison filter, Attribute attribute, String expected) {
        return new InvalidFilterException("'" + filter + "': '" + attribute.name() + "' is " + attribute.type()
                + ", so the comparison value must be " + expected + ", not " + filter.value());
    }

    private static boolean compareStrings(ComparisonOperator operator, String stored, String operand) {
        return switch (operator) {
            // "The attribute and operator values must be identical for a match."
            case EQ, NE -> stored.equals(operand);
            // "The entire operator value must be a substring of the attribute value for a match."
            case CO -> stored.contains(operand);
            // "... starting at the beginning of the attribute value. This criterion is satisfied if the two strings are identical."
            case SW -> stored.startsWith(operand);
            // "... matching at the end of the attribute value. This criterion is satisfied if the two strings are identical."
            case EW -> stored.endsWith(operand);
            // "For string attribute types, this is a lexicographical comparison"
            case GT, GE, LT, LE -> ordered(operator, stored.compareTo(operand));
        };
    }

    /** Whether a three-way comparison result {@code cmp} (stored vs operand) satisfies {@code operator}. */
    private static boolean ordered(ComparisonOperator operator, int cmp) {
        return switch (operator) {
            case EQ, NE -> cmp == 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case CO, SW, EW -> throw new IllegalStateException(operator + " is not an ordering");
        };
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }


    /** The non-null values of an attribute: the elements of a multi-valued one, else the value itself. */
    private static List<JsonValue> values(JsonValue value, boolean multiValued) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (multiValued && value instanceof JsonArray array) {
            List<JsonValue> result = new ArrayList<>(array.size());
            for (JsonValue element : array) {
                if (element.getValueType() != JsonValue.ValueType.NULL) {
                    result.add(element);
                }
            }
            return result;
        }
        return List.of(value);
    }

    private static boolean anyMatches(List<JsonValue> values, Predicate<JsonValue> matcher) {
        for (JsonValue value : values) {
            if (matcher.test(value)) {
                return true;
            }
        }
        return false;
    }

    /** pr: not null, not an empty string, and for arrays and objects at least one present member. */
    private static boolean isPresent(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> false;
            case STRING -> !((JsonString) value).getString().isEmpty();
            case ARRAY -> value.asJsonArray().stream().anyMatch(FilterEvaluator::isPresent);
            case OBJECT -> value.asJsonObject().values().stream().anyMatch(FilterEvaluator::isPresent);
            default -> true;
        };
    }
}

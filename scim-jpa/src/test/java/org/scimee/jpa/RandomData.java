package org.scimee.jpa;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.scimee.filter.And;
import org.scimee.filter.Comparison;
import org.scimee.filter.ComparisonOperator;
import org.scimee.filter.Filter;
import org.scimee.filter.Literal;
import org.scimee.filter.Not;
import org.scimee.filter.Or;
import org.scimee.filter.Present;
import org.scimee.filter.ValueFilter;
import org.scimee.path.AttributePath;
import org.scimee.query.SortOrder;
import org.scimee.query.SortSpec;

/**
 * Random users and random filters over them, from a seeded {@link Random}: deterministic per seed. Filters have
 * the shapes of the filter package's round-trip generator (comparison, pr, and, or, not, value filter, every
 * operator and literal kind), but name the test schema's attributes and draw values from the same small
 * vocabularies as the users, so that they match some users and not others. A few are meaningless on purpose
 * (a literal of the wrong type, {@code co} on a number, ...): the store must refuse exactly those.
 */
final class RandomData {

    static final String E = TestSchemas.ENTERPRISE + ":";
    static final String X = TestSchemas.EXTRA + ":";

    /** Strings with case variants, LIKE metacharacters, the escape, a backslash, folding oddities and an emoji. */
    static final List<String> WORDS = List.of("Ann", "ann", "ANN", "anna", "Bob", "bo%b", "b_b", "bxb", "a!b", "x\\y",
            "Straße", "STRASSE", "strasse", "", " ", "ann ", "Zoë", "zoë", "😀 smile", "émile", "Émile", "a.b@x.com");
    static final List<String> EMAILS = List.of("a@x.com", "A@X.com", "b@y.org", "ann@x.com", "c_d@x.com", "c%d@x.com");
    static final List<String> TYPES = List.of("work", "home", "Work", "other");
    static final List<String> TIMES = List.of("2020-01-01T10:00:00Z", "2020-01-01T11:00:00+01:00", "2020-01-01T10:00:00",
            "2020-01-01T10:00:00.5Z", "2019-12-31T23:59:59.999999999Z", "2021-06-15T08:30:00-07:00", "not a date");
    static final List<BigDecimal> NUMBERS = List.of(new BigDecimal("-3"), new BigDecimal("0"), new BigDecimal("1"),
            new BigDecimal("1.0"), new BigDecimal("1.5"), new BigDecimal("2.50"), new BigDecimal("1000000"),
            new BigDecimal("-0.25"), new BigDecimal("12345678901234567890.123456789"));

    private final Random random;

    RandomData(long seed) {
        this.random = new Random(seed);
    }

    JsonObject user(int i) {
        JsonObjectBuilder user = Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add("urn:ietf:params:scim:schemas:core:2.0:User"))
                .add("userName", casing("user" + i + pick(List.of("", "-Ann", "_x", "%"))));
        maybe(user, "displayName", pick(WORDS));
        maybe(user, "title", pick(WORDS));
        maybe(user, "nickName", pick(WORDS));
        if (random.nextInt(3) > 0) {
            user.add("externalId", "ext-" + random.nextInt(50));
        }
        if (random.nextInt(4) > 0) {
            user.add("active", random.nextBoolean());
        }
        if (random.nextInt(3) > 0) {
            user.add("profileUrl", "https://example.com/" + pick(WORDS));
        }
        if (random.nextInt(3) > 0) {
            JsonObjectBuilder name = Json.createObjectBuilder();
            maybe(name, "givenName", pick(WORDS));
            maybe(name, "familyName", pick(WORDS));
            user.add("name", name);
        }
        user.add("emails", multi(() -> {
            JsonObjectBuilder email = Json.createObjectBuilder();
            maybe(email, "value", pick(EMAILS));
            maybe(email, "type", pick(TYPES));
            if (random.nextInt(4) == 0) {
                email.add("primary", random.nextBoolean());
            }
            return email;
        }));
        if (random.nextInt(4) == 0) {
            user.add("x509Certificates", multi(() -> Json.createObjectBuilder().add("value", pick(List.of("TUlJ", "tuli", "QUJD")))));
        }
        if (random.nextInt(3) > 0) {
            JsonObjectBuilder enterprise = Json.createObjectBuilder();
            maybe(enterprise, "employeeNumber", String.valueOf(random.nextInt(20)));
            maybe(enterprise, "department", pick(WORDS));
            if (random.nextBoolean()) {
                JsonObjectBuilder manager = Json.createObjectBuilder();
                maybe(manager, "value", "m" + random.nextInt(5));
                maybe(manager, "displayName", pick(WORDS));
                enterprise.add("manager", manager);
            }
            user.add(TestSchemas.ENTERPRISE, enterprise);
        }
        if (random.nextInt(4) > 0) {
            JsonObjectBuilder extra = Json.createObjectBuilder();
            if (random.nextInt(3) > 0) {
                extra.add("level", random.nextInt(7) - 3);
            }
            if (random.nextInt(3) > 0) {
                extra.add("score", pick(NUMBERS));
            }
            maybe(extra, "hired", pick(TIMES));
            if (random.nextInt(3) > 0) {
                extra.add("vip", random.nextBoolean());
            }
            maybe(extra, "code", pick(WORDS));
            if (random.nextInt(3) == 0) {
                extra.add("badgeNumber", "B" + i);
            }
            maybe(extra, "homepage", "https://Example.com/" + pick(WORDS));
            if (random.nextBoolean()) {
                JsonArrayBuilder tags = Json.createArrayBuilder();
                for (int t = random.nextInt(4); t > 0; t--) {
                    tags.add(pick(WORDS));
                }
                extra.add("tags", tags);
            }
            extra.add("badges", multi(() -> {
                JsonObjectBuilder badge = Json.createObjectBuilder();
                maybe(badge, "value", pick(WORDS));
                if (random.nextBoolean()) {
                    badge.add("level", random.nextInt(5));
                }
                if (random.nextInt(3) == 0) {
                    badge.add("primary", random.nextBoolean());
                }
                return badge;
            }));
            user.add(TestSchemas.EXTRA, extra);
        }
        return user.build();
    }

    // ---- filters ----

    /** Top-level paths with the kind of value they hold. */
    private static final List<String[]> PATHS = List.of(
            p("userName", "s"), p("displayName", "s"), p("title", "s"), p("nickName", "s"), p("externalId", "s"),
            p("id", "s"), p("active", "b"), p("profileUrl", "s"), p("name", "c"), p("name.givenName", "s"),
            p("name.familyName", "s"), p("emails", "s"), p("emails.value", "s"), p("emails.type", "s"),
            p("emails.primary", "b"), p("x509Certificates.value", "s"), p("x509Certificates", "s"),
            p("meta.created", "t"), p("meta.lastModified", "t"), p("meta.resourceType", "s"), p("meta.version", "s"),
            p(E + "employeeNumber", "s"), p(E + "department", "s"), p(E + "manager", "c"), p(E + "manager.value", "s"),
            p(E + "manager.displayName", "s"), p(X + "level", "n"), p(X + "score", "n"), p(X + "hired", "t"),
            p(X + "vip", "b"), p(X + "code", "s"), p(X + "badgeNumber", "s"), p(X + "homepage", "s"), p(X + "tags", "s"),
            p(X + "badges", "s"), p(X + "badges.value", "s"), p(X + "badges.level", "n"), p(X + "badges.primary", "b"));

    /** Complex attributes for value filters, with their sub-attributes and kinds. */
    private static final List<List<String[]>> VALUE_FILTERS = List.of(
            List.of(p("emails", "c"), p("value", "s"), p("type", "s"), p("primary", "b"), p("display", "s")),
            List.of(p("name", "c"), p("givenName", "s"), p("familyName", "s")),
            List.of(p(E + "manager", "c"), p("value", "s"), p("displayName", "s")),
            List.of(p(X + "badges", "c"), p("value", "s"), p("level", "n"), p("primary", "b")),
            List.of(p("x509Certificates", "c"), p("value", "s"), p("type", "s")));

    Filter filter(int depth) {
        return filter(depth, null);
    }

    private Filter filter(int depth, List<String[]> parent) {
        int choice = depth <= 0 ? random.nextInt(3) : random.nextInt(parent != null ? 7 : 8);
        return switch (choice) {
            case 0, 1 -> comparison(parent);
            case 2 -> {
                String[] path = path(parent);
                yield new Present(AttributePath.parse(path[0]));
            }
            case 3, 4 -> new And(filter(depth - 1, parent), filter(depth - 1, parent));
            case 5 -> new Or(filter(depth - 1, parent), filter(depth - 1, parent));
            case 6 -> new Not(filter(depth - 1, parent));
            default -> {
                List<String[]> attribute = VALUE_FILTERS.get(random.nextInt(VALUE_FILTERS.size()));
                yield new ValueFilter(AttributePath.parse(attribute.get(0)[0]), filter(depth - 1, attribute));
            }
        };
    }

    private String[] path(List<String[]> parent) {
        if (parent != null) {
            return parent.get(1 + random.nextInt(parent.size() - 1));
        }
        return PATHS.get(random.nextInt(PATHS.size()));
    }

    private Filter comparison(List<String[]> parent) {
        String[] path = path(parent);
        ComparisonOperator operator = ComparisonOperator.values()[random.nextInt(9)];
        // mostly a literal of the path's kind, sometimes of any kind (which may be meaningless)
        String kind = random.nextInt(12) == 0 ? pick(List.of("s", "n", "b", "t", "null")) : path[1];
        if (random.nextInt(10) == 0) {
            kind = "null";
        }
        return new Comparison(AttributePath.parse(path[0]), operator, literal(kind, operator));
    }

    private Literal literal(String kind, ComparisonOperator operator) {
        switch (kind) {
            case "n" -> {
                return Literal.of(random.nextBoolean() ? pick(NUMBERS) : BigDecimal.valueOf(random.nextInt(7) - 3));
            }
            case "b" -> {
                return Literal.of(random.nextBoolean());
            }
            case "t" -> {
                return Literal.of(random.nextInt(4) == 0 ? "2026-12-04T10:15:30.123Z" : pick(TIMES.subList(0, TIMES.size() - 1)));
            }
            case "null", "c" -> {
                return Literal.NULL;
            }
            default -> {
                String source = pick(List.of(pick(WORDS), pick(EMAILS), pick(TYPES), "user" + random.nextInt(20),
                        "https://example.com/" + pick(WORDS), "m" + random.nextInt(5), "ext-" + random.nextInt(50),
                        String.valueOf(random.nextInt(20)), "User", "TUlJ", "tuli", "B" + random.nextInt(30), "W/\"1\""));
                if (operator.isSubstring() && !source.isEmpty() && random.nextBoolean()) {
                    int from = random.nextInt(source.length());
                    source = source.substring(from, from + random.nextInt(source.length() - from + 1));
                }
                return Literal.of(casing(source));
            }
        }
    }

    /** A random sortBy over every sortable kind of path, or none. */
    java.util.Optional<SortSpec> sort() {
        if (random.nextInt(5) == 0) {
            return java.util.Optional.empty();
        }
        List<String> paths = List.of("userName", "displayName", "title", "emails", "emails.value", "emails.type",
                "name.givenName", "active", "meta.lastModified", "profileUrl", X + "level", X + "score", X + "hired",
                X + "vip", X + "code", X + "tags", X + "badges", X + "badges.level", E + "manager.displayName", "id");
        return java.util.Optional.of(new SortSpec(AttributePath.parse(pick(paths)),
                random.nextBoolean() ? SortOrder.ASCENDING : SortOrder.DESCENDING));
    }

    private String casing(String text) {
        return switch (random.nextInt(4)) {
            case 0 -> text.toUpperCase(Locale.ROOT);
            case 1 -> text.toLowerCase(Locale.ROOT);
            default -> text;
        };
    }

    private void maybe(JsonObjectBuilder builder, String name, String value) {
        if (random.nextInt(4) > 0) {
            builder.add(name, value);
        }
    }

    private JsonArrayBuilder multi(java.util.function.Supplier<JsonObjectBuilder> element) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
            array.add(element.get());
        }
        return array;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String[] p(String path, String kind) {
        return new String[] {path, kind};
    }

    static List<Filter> filters(long seed, int count) {
        RandomData data = new RandomData(seed);
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            filters.add(data.filter(3));
        }
        return filters;
    }
}

package org.scimee.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.path.AttributePath;
import org.scimee.schema.SchemaRegistry;

/** Hostile sizes and depths give invalidFilter/invalidPath errors, never a StackOverflowError. */
class FilterLimitsTest {

    static final FilterLimits LONG = new FilterLimits(1_000_000, 64);
    static final FilterLimits DEEPEST = new FilterLimits(1_000_000, FilterLimits.DEPTH_CEILING);

    static String parens(int depth) {
        return "(".repeat(depth) + "a pr" + ")".repeat(depth);
    }

    static String nots(int depth) {
        return "not (".repeat(depth) + "a pr" + ")".repeat(depth);
    }

    static String chain(int terms, String keyword) {
        StringBuilder out = new StringBuilder("a eq 1");
        for (int i = 1; i < terms; i++) {
            out.append(' ').append(keyword).append(" a eq 1");
        }
        return out.toString();
    }

    @Test
    void tenThousandOpenParenthesesExceedTheDefaultLength() {
        assertThatThrownBy(() -> FilterParser.parse(parens(10_000)))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessage("at 8192: the filter is longer than the limit of 8192 characters");
        assertThatThrownBy(() -> FilterParser.parse("(".repeat(10_000)))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("at 8192: ");
    }

    @Test
    void tenThousandNestedParenthesesExceedTheDepthBeforeRecursing() {
        // the 65th '(' stands at offset 64
        assertThatThrownBy(() -> FilterParser.parse(parens(10_000), LONG))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessage("at 64: grouping nests deeper than the limit of 64 levels of '(', 'not (' and '['");
        assertThatThrownBy(() -> FilterParser.parse("(".repeat(10_000), LONG))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("at 64: ");
        assertThatThrownBy(() -> FilterParser.parse(parens(10_000), DEEPEST))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("at 256: grouping nests deeper");
    }

    @Test
    void depthsWithinTheLimitParse() {
        assertThat(FilterParser.parse(parens(64))).isEqualTo(new Present(AttributePath.of("a")));
        assertThatThrownBy(() -> FilterParser.parse(parens(65))).hasMessageStartingWith("at 64: grouping nests deeper");
        assertThat(FilterParser.parse(parens(FilterLimits.DEPTH_CEILING), DEEPEST)).isEqualTo(new Present(AttributePath.of("a")));

        Filter nested = FilterParser.parse(nots(64));
        int depth = 0;
        while (nested instanceof Not not) {
            nested = not.filter();
            depth++;
        }
        assertThat(depth).isEqualTo(64);
        // a value filter's brackets count as a level too
        assertThat(FilterParser.parse("(".repeat(63) + "emails[type pr]" + ")".repeat(63))).isInstanceOf(ValueFilter.class);
        assertThatThrownBy(() -> FilterParser.parse("(".repeat(64) + "emails[type pr]" + ")".repeat(64)))
                .hasMessageStartingWith("at 70: grouping nests deeper");
    }

    @Test
    void tenThousandNestedNotsExceedTheDepth() {
        // each "not (" is 5 characters; the 65th one's '(' is at 64 * 5 + 4
        assertThatThrownBy(() -> FilterParser.parse(nots(10_000), LONG))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("at 324: grouping nests deeper");
        assertThatThrownBy(() -> FilterParser.parse(nots(10_000)))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("at 8192: ");
        assertThatThrownBy(() -> FilterParser.parse(nots(10_000), DEEPEST))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("at 1284: grouping nests deeper");
    }

    @Test
    void theDeepestAllowedTreeFitsASmallThreadStack() throws Exception {
        SchemaRegistry registry = SchemaRegistry.defaults();
        FilterEvaluator evaluator = new FilterEvaluator(registry, registry.resourceType("User").orElseThrow());
        // 254 nots, the brackets and the inner "not (" make exactly DEPTH_CEILING levels
        String text = "not (".repeat(FilterLimits.DEPTH_CEILING - 2) + "emails[not (type pr)]" + ")".repeat(FilterLimits.DEPTH_CEILING - 2);
        Throwable[] failure = new Throwable[1];
        boolean[] result = new boolean[1];
        Thread small = new Thread(null, () -> {
            try {
                Filter filter = FilterParser.parse(text, DEEPEST);
                assertThat(FilterParser.parse(filter.toString(), DEEPEST)).isEqualTo(filter).hasSameHashCodeAs(filter);
                result[0] = evaluator.matches(filter, Json.createObjectBuilder()
                        .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", "a@b"))).build());
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join();
        assertThat(failure[0]).isNull();
        // "some email has no type" is true, and 254 (even) nots around it keep it true
        assertThat(result[0]).isTrue();
    }

    @Test
    void longAndChainsExceedTheDefaultLengthButParseFlatWhenAllowed() {
        String text = chain(10_000, "and");
        assertThatThrownBy(() -> FilterParser.parse(text))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("at 8192: ");

        // chains add no depth: 10,000 terms parse with a depth limit of 64, and print, compare, hash and evaluate
        // without recursing once per term
        Filter filter = FilterParser.parse(text, LONG);
        assertThat(((And) filter).operands()).hasSize(10_000);
        assertThat(filter.toString()).isEqualTo(text);
        assertThat(FilterParser.parse(filter.toString(), LONG)).isEqualTo(filter).hasSameHashCodeAs(filter);

        Filter or = FilterParser.parse(chain(10_000, "or"), LONG);
        assertThat(((Or) or).operands()).hasSize(10_000);

        String longest = chain(745, "and");
        assertThat(longest.length()).isLessThanOrEqualTo(FilterLimits.DEFAULT.maxLength());
        assertThat(((And) FilterParser.parse(longest)).operands()).hasSize(745);
    }

    @Test
    void longChainsEvaluateWithoutDeepRecursion() {
        SchemaRegistry registry = SchemaRegistry.defaults();
        FilterEvaluator evaluator = new FilterEvaluator(registry, registry.resourceType("User").orElseThrow());
        JsonObject user = Json.createObjectBuilder().add("userName", "bjensen").build();
        StringBuilder text = new StringBuilder("userName eq \"x0\"");
        for (int i = 1; i < 20_000; i++) {
            text.append(" or userName eq \"x").append(i).append('"');
        }
        Filter none = FilterParser.parse(text.toString(), LONG);
        assertThat(evaluator.matches(none, user)).isFalse();
        Filter last = FilterParser.parse(text + " or userName eq \"BJENSEN\"", LONG);
        assertThat(evaluator.matches(last, user)).isTrue();
    }

    @Test
    void patchPathsHaveTheSameLimits() {
        assertThatThrownBy(() -> FilterParser.parsePatchPath("emails[" + parens(100) + "]"))
                .isInstanceOf(InvalidPathException.class).hasMessageStartingWith("at 70: grouping nests deeper");
        assertThatThrownBy(() -> FilterParser.parsePatchPath("emails[" + "x".repeat(9000) + " pr]"))
                .isInstanceOf(InvalidPathException.class).hasMessageStartingWith("at 8192: the path is longer");
        assertThatThrownBy(() -> FilterParser.parse("a pr", new FilterLimits(3, 64)))
                .hasMessage("at 3: the filter is longer than the limit of 3 characters");
    }
}

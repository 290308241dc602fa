package org.scimee.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round-trip properties over random trees from a seeded generator (no property-testing library: {@link RandomFilters}
 * is deterministic per seed, so a failure names its seed and iteration and replays exactly).
 */
class FilterRoundTripTest {

    static final int PER_SEED = 2_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2015, 7644})
    void printedFiltersParseBackToEqualTrees(long seed) {
        RandomFilters random = new RandomFilters(seed);
        Set<Class<?>> kinds = new HashSet<>();
        Set<Class<?>> literals = new HashSet<>();
        Set<ComparisonOperator> operators = EnumSet.noneOf(ComparisonOperator.class);
        for (int i = 0; i < PER_SEED; i++) {
            Filter filter = random.filter(6);
            String printed = filter.toString();

            Filter parsed = FilterParser.parse(printed);

            assertThat(parsed).as("seed %d #%d: %s", seed, i, printed).isEqualTo(filter);
            assertThat(parsed.hashCode()).isEqualTo(filter.hashCode());
            assertThat(parsed.toString()).as("printing is stable").isEqualTo(printed);
            collect(filter, kinds, literals, operators);
        }
        // the generator really exercises every kind of node, literal and operator
        assertThat(kinds).containsExactlyInAnyOrder(Comparison.class, Present.class, And.class, Or.class, Not.class,
                ValueFilter.class);
        assertThat(literals).containsExactlyInAnyOrder(Literal.StringLiteral.class, Literal.NumberLiteral.class,
                Literal.BooleanLiteral.class, Literal.NullLiteral.class);
        assertThat(operators).containsExactlyInAnyOrder(ComparisonOperator.values());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 99, 12345})
    void noisyButEquivalentTextParsesToTheSameTree(long seed) {
        RandomFilters random = new RandomFilters(seed);
        for (int i = 0; i < PER_SEED; i++) {
            Filter filter = random.filter(5);
            String noisy = random.noisy(filter);

            assertThat(FilterParser.parse(noisy)).as("seed %d #%d: %s", seed, i, noisy).isEqualTo(filter);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6})
    void printedPatchPathsParseBackToEqualPaths(long seed) {
        RandomFilters random = new RandomFilters(seed);
        for (int i = 0; i < PER_SEED; i++) {
            PatchPath path = random.patchPath();
            String printed = path.toString();

            PatchPath parsed = FilterParser.parsePatchPath(printed);

            assertThat(parsed).as("seed %d #%d: %s", seed, i, printed).isEqualTo(path);
            assertThat(parsed.toString()).isEqualTo(printed);
        }
    }

    private static void collect(Filter filter, Set<Class<?>> kinds, Set<Class<?>> literals,
                                Set<ComparisonOperator> operators) {
        kinds.add(filter.getClass());
        if (filter instanceof Comparison comparison) {
            literals.add(comparison.value().getClass());
            operators.add(comparison.operator());
        } else if (filter instanceof And and) {
            collect(and.left(), kinds, literals, operators);
            collect(and.right(), kinds, literals, operators);
        } else if (filter instanceof Or or) {
            collect(or.left(), kinds, literals, operators);
            collect(or.right(), kinds, literals, operators);
        } else if (filter instanceof Not not) {
            collect(not.filter(), kinds, literals, operators);
        } else if (filter instanceof ValueFilter valueFilter) {
            collect(valueFilter.filter(), kinds, literals, operators);
        }
    }
}

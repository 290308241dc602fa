package org.scimee.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.scimee.path.AttributePath;

/**
 * Generates random filter trees from a seeded {@link Random}, and prints them noisily (random whitespace, keyword
 * case, redundant parentheses, gratuitous escapes) for round-trip properties. Deterministic for a given seed.
 */
final class RandomFilters {

    static final List<String> NAMES = List.of("userName", "title", "emails", "x-attr", "a_b", "n1", "$ref", "and", "or",
            "not", "pr", "eq", "true", "null", "value", "type", "Z");
    static final List<String> URNS = List.of("urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:example:x.y-z:v1.0");
    static final String CHARS = "aZ09 \"\\/()[]éß\u0001\t\n€-_.:;'";

    private final Random random;

    RandomFilters(long seed) {
        this.random = new Random(seed);
    }

    /** A random filter with at most {@code depth} levels of nesting. */
    Filter filter(int depth) {
        return filter(depth, false);
    }

    Filter filter(int depth, boolean inValue) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(inValue ? 6 : 7);
        return switch (choice) {
            case 0 -> new Comparison(path(inValue), ComparisonOperator.values()[random.nextInt(9)], literal());
            case 1 -> new Present(path(inValue));
            case 2, 3 -> new And(filter(depth - 1, inValue), filter(depth - 1, inValue));
            case 4 -> new Or(filter(depth - 1, inValue), filter(depth - 1, inValue));
            case 5 -> new Not(filter(depth - 1, inValue));
            default -> new ValueFilter(path(false), filter(depth - 1, true));
        };
    }

    PatchPath patchPath() {
        if (random.nextBoolean()) {
            return new PatchPath(path(false), null, null);
        }
        return new PatchPath(path(false), filter(3, true), random.nextBoolean() ? name() : null);
    }

    AttributePath path(boolean inValue) {
        if (inValue) {
            return AttributePath.of(name());
        }
        String urn = random.nextInt(4) == 0 ? URNS.get(random.nextInt(URNS.size())) : null;
        String sub = random.nextInt(3) == 0 ? name() : null;
        return new AttributePath(urn, name(), sub);
    }

    String name() {
        return NAMES.get(random.nextInt(NAMES.size()));
    }

    Literal literal() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    int pick = random.nextInt(CHARS.length() + 1);
                    if (pick == CHARS.length()) {
                        text.append("\uD83D\uDE00");
                    } else {
                        text.append(CHARS.charAt(pick));
                    }
                }
                yield Literal.of(text.toString());
            }
            case 2, 3 -> Literal.of(new BigDecimal(BigInteger.valueOf(random.nextLong() >> random.nextInt(64)),
                    random.nextInt(16) - 5));
            case 4 -> Literal.of(random.nextBoolean());
            default -> Literal.NULL;
        };
    }

    /** Prints {@code filter} in an equivalent but messy way the parser must also accept. */
    String noisy(Filter filter) {
        StringBuilder out = new StringBuilder();
        filter.accept(new Noisy(out));
        return space(0) + out + space(0);
    }

    private String space(int min) {
        StringBuilder out = new StringBuilder();
        int count = min + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            out.append(random.nextInt(4) == 0 ? '\t' : ' ');
        }
        return out.toString();
    }

    private String randomCase(String word) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private String noisyPath(AttributePath path) {
        String text = path.toString();
        // names and URNs compare ignoring case; "$ref" is the one name the grammar spells exactly
        return text.contains("$ref") ? text : randomCase(text);
    }

    private String noisyLiteral(Literal literal) {
        if (literal instanceof Literal.StringLiteral string) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : string.value().toCharArray()) {
                if (c == '"' || c == '\\' || c < 0x20 || random.nextInt(5) == 0) {
                    out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                } else if (c == '/' && random.nextBoolean()) {
                    out.append("\\/");
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
        if (literal instanceof Literal.NumberLiteral number) {
            return random.nextBoolean() ? number.value().toPlainString()
                    : number.value().toString().replace("E", random.nextBoolean() ? "e" : "E");
        }
        return randomCase(literal.toString());
    }

    /** Fully parenthesises every operand of and/or, plus random redundant parentheses. */
    private final class Noisy implements FilterVisitor<Void> {
        private final StringBuilder out;

        Noisy(StringBuilder out) {
            this.out = out;
        }

        private void grouped(Filter filter, boolean always) {
            if (always || random.nextInt(6) == 0) {
                out.append('(').append(space(0));
                filter.accept(this);
                out.append(space(0)).append(')');
            } else {
                filter.accept(this);
            }
        }

        @Override
        public Void visit(Comparison filter) {
            out.append(noisyPath(filter.path())).append(space(1)).append(randomCase(filter.operator().token()))
                    .append(space(1)).append(noisyLiteral(filter.value()));
            return null;
        }

        @Override
        public Void visit(Present filter) {
            out.append(noisyPath(filter.path())).append(space(1)).append(randomCase("pr"));
            return null;
        }

        @Override
        public Void visit(And filter) {
            grouped(filter.left(), true);
            out.append(space(1)).append(randomCase("and")).append(space(1));
            grouped(filter.right(), true);
            return null;
        }

        @Override
        public Void visit(Or filter) {
            grouped(filter.left(), true);
            out.append(space(1)).append(randomCase("or")).append(space(1));
            grouped(filter.right(), true);
            return null;
        }

        @Override
        public Void visit(Not filter) {
            out.append(randomCase("not")).append(space(0)).append('(').append(space(0));
            grouped(filter.filter(), false);
            out.append(space(0)).append(')');
            return null;
        }

        @Override
        public Void visit(ValueFilter filter) {
            out.append(noisyPath(filter.attribute())).append('[').append(space(0));
            grouped(filter.filter(), false);
            out.append(space(0)).append(']');
            return null;
        }
    }
}

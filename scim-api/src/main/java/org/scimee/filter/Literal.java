package org.scimee.filter;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A comparison value: RFC 7644 §3.4.2.2 {@code compValue = false / null / true / number / string}, "rules from
 * JSON (RFC 7159)".
 *
 * <p>Why a small sealed type rather than JSON-P's {@code JsonValue}: building a {@code JsonValue} needs a JSON-P
 * provider at run time, which parsing a filter should not; {@code JsonNumber} equality is left to the provider
 * (Parsson compares {@code BigDecimal}s with their scale, so {@code 1.0 != 1}); and a sealed family lets
 * translators handle every kind without a default branch. {@link #toString()} prints the JSON text.
 */
public sealed interface Literal permits Literal.StringLiteral, Literal.NumberLiteral, Literal.BooleanLiteral,
        Literal.NullLiteral {

    /** JSON {@code null}. */
    NullLiteral NULL = new NullLiteral();
    /** JSON {@code true}. */
    BooleanLiteral TRUE = new BooleanLiteral(true);
    /** JSON {@code false}. */
    BooleanLiteral FALSE = new BooleanLiteral(false);

    static StringLiteral of(String value) {
        return new StringLiteral(value);
    }

    static NumberLiteral of(long value) {
        return new NumberLiteral(BigDecimal.valueOf(value));
    }

    static NumberLiteral of(BigDecimal value) {
        return new NumberLiteral(value);
    }

    static BooleanLiteral of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** A JSON string; {@code value} is the unescaped text. */
    record StringLiteral(String value) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }

        /** The JSON string: quoted, with {@code "}, {@code \} and control characters escaped. */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }

    /**
     * A JSON number. Equality is numeric ({@code 1.0} equals {@code 1}); {@link #toString()} keeps the scale the
     * number was written with.
     */
    record NumberLiteral(BigDecimal value) implements Literal {
        public NumberLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NumberLiteral that && value.compareTo(that.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }

        /** JSON number text; {@link BigDecimal#toString()} writes exponents as {@code 1E+3}, which JSON allows. */
        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** JSON {@code true} or {@code false}. */
    record BooleanLiteral(boolean value) implements Literal {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** JSON {@code null}. */
    record NullLiteral() implements Literal {
        @Override
        public String toString() {
            return "null";
        }
    }
}

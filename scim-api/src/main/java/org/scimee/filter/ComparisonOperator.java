package org.scimee.filter;

import java.util.Locale;
import java.util.Optional;

/** RFC 7644 §3.4.2.2 Table 3: the attribute operators that take a value ({@code pr} is {@link Present}). */
public enum ComparisonOperator {
    /** equal. */
    EQ,
    /** not equal. */
    NE,
    /** contains. */
    CO,
    /** starts with. */
    SW,
    /** ends with. */
    EW,
    /** greater than. */
    GT,
    /** greater than or equal to. */
    GE,
    /** less than. */
    LT,
    /** less than or equal to. */
    LE;

    private final String token = name().toLowerCase(Locale.ROOT);

    /** The operator as filters spell it, in lower case. */
    public String token() {
        return token;
    }

    /** Whether this is one of {@code gt ge lt le}, which RFC 7644 forbids on boolean and binary attributes. */
    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** Whether this is one of {@code co sw ew}. */
    public boolean isSubstring() {
        return this == CO || this == SW || this == EW;
    }

    /** The operator spelled {@code token}, ignoring case ("attribute operators used in filters are case insensitive"). */
    public static Optional<ComparisonOperator> fromToken(String token) {
        for (ComparisonOperator operator : values()) {
            if (operator.token.equalsIgnoreCase(token)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return token;
    }
}

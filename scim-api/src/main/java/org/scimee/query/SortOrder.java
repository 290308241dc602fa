package org.scimee.query;

import org.scimee.error.InvalidValueException;

/** RFC 7644 §3.4.2.3: the {@code sortOrder} parameter. */
public enum SortOrder {
    ASCENDING("ascending"),
    DESCENDING("descending");

    private final String json;

    SortOrder(String json) {
        this.json = json;
    }

    /** The spelling RFC 7644 uses. */
    public String json() {
        return json;
    }

    /**
     * Parses {@code ascending} or {@code descending}, ignoring case; an absent or blank parameter is ascending
     * (RFC 7644 §3.4.2.3: "sortOrder" SHALL default to ascending).
     *
     * @throws InvalidValueException for anything else
     */
    public static SortOrder parse(String value) {
        if (value == null || value.isBlank()) {
            return ASCENDING;
        }
        for (SortOrder order : values()) {
            if (order.json.equalsIgnoreCase(value.strip())) {
                return order;
            }
        }
        throw new InvalidValueException("sortOrder must be 'ascending' or 'descending', got '" + value + "'");
    }

    @Override
    public String toString() {
        return json;
    }
}

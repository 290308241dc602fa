package org.scimee.schema;

/** A schema characteristic value with its RFC 7643 spelling. */
interface JsonNamed {

    String json();

    static <E extends Enum<E> & JsonNamed> E parse(E[] values, String value) {
        for (E candidate : values) {
            if (candidate.json().equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown " + values[0].getDeclaringClass().getSimpleName() + " '" + value + "'");
    }
}

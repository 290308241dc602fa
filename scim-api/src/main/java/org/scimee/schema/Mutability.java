package org.scimee.schema;

/** RFC 7643 §7: whether and how an attribute may be modified. */
public enum Mutability implements JsonNamed {
    READ_ONLY("readOnly"),
    READ_WRITE("readWrite"),
    IMMUTABLE("immutable"),
    WRITE_ONLY("writeOnly");

    private final String json;

    Mutability(String json) {
        this.json = json;
    }

    @Override
    public String json() {
        return json;
    }

    /** Parses the RFC 7643 spelling, ignoring case. */
    public static Mutability fromJson(String value) {
        return JsonNamed.parse(values(), value);
    }

    @Override
    public String toString() {
        return json;
    }
}

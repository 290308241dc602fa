package org.scimee.schema;

/** RFC 7643 §7: how an attribute value must be unique. */
public enum Uniqueness implements JsonNamed {
    NONE("none"),
    SERVER("server"),
    GLOBAL("global");

    private final String json;

    Uniqueness(String json) {
        this.json = json;
    }

    @Override
    public String json() {
        return json;
    }

    /** Parses the RFC 7643 spelling, ignoring case. */
    public static Uniqueness fromJson(String value) {
        return JsonNamed.parse(values(), value);
    }

    @Override
    public String toString() {
        return json;
    }
}

package org.scimee.schema;

/** RFC 7643 §7: when an attribute is returned in a response. */
public enum Returned implements JsonNamed {
    ALWAYS("always"),
    NEVER("never"),
    DEFAULT("default"),
    REQUEST("request");

    private final String json;

    Returned(String json) {
        this.json = json;
    }

    @Override
    public String json() {
        return json;
    }

    /** Parses the RFC 7643 spelling, ignoring case. */
    public static Returned fromJson(String value) {
        return JsonNamed.parse(values(), value);
    }

    @Override
    public String toString() {
        return json;
    }
}

package org.scimee.schema;

/** RFC 7643 §2.3: the data type of an attribute. */
public enum AttributeType implements JsonNamed {
    STRING("string"),
    BOOLEAN("boolean"),
    DECIMAL("decimal"),
    INTEGER("integer"),
    DATE_TIME("dateTime"),
    BINARY("binary"),
    REFERENCE("reference"),
    COMPLEX("complex");

    private final String json;

    AttributeType(String json) {
        this.json = json;
    }

    @Override
    public String json() {
        return json;
    }

    /** Parses the RFC 7643 spelling, ignoring case. */
    public static AttributeType fromJson(String value) {
        return JsonNamed.parse(values(), value);
    }

    @Override
    public String toString() {
        return json;
    }
}

package org.scimee.error;

/** 400 {@code invalidFilter}: the filter syntax is invalid, or an attribute or operator is not supported. */
public class InvalidFilterException extends ScimException {

    public InvalidFilterException(String detail) {
        super(400, "invalidFilter", detail);
    }

    public InvalidFilterException(String detail, Throwable cause) {
        super(400, "invalidFilter", detail, cause);
    }
}

package org.scimee.error;

/** 400 {@code invalidSyntax}: the request body is not parsable, not of the expected structure, or violates the schema structure. */
public class InvalidSyntaxException extends ScimException {

    public InvalidSyntaxException(String detail) {
        super(400, "invalidSyntax", detail);
    }

    public InvalidSyntaxException(String detail, Throwable cause) {
        super(400, "invalidSyntax", detail, cause);
    }
}

package org.scimee.error;

/** 400 {@code invalidCursor} (RFC 9865): the cursor is malformed or was not issued by this server. */
public class InvalidCursorException extends ScimException {

    public InvalidCursorException(String detail) {
        super(400, "invalidCursor", detail);
    }
}

package org.scimee.error;

/** 400 {@code expiredCursor} (RFC 9865): the cursor has expired. */
public class ExpiredCursorException extends ScimException {

    public ExpiredCursorException(String detail) {
        super(400, "expiredCursor", detail);
    }
}

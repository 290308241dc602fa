package org.scimee.error;

/** 400 {@code tooMany}: the query would return more results than the server is willing to process. */
public class TooManyException extends ScimException {

    public TooManyException(String detail) {
        super(400, "tooMany", detail);
    }

    public TooManyException(String detail, Throwable cause) {
        super(400, "tooMany", detail, cause);
    }
}

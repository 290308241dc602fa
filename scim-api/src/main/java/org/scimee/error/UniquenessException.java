package org.scimee.error;

/** 409 {@code uniqueness}: a value violates a uniqueness constraint. */
public class UniquenessException extends ScimException {

    public UniquenessException(String detail) {
        super(409, "uniqueness", detail);
    }

    public UniquenessException(String detail, Throwable cause) {
        super(409, "uniqueness", detail, cause);
    }
}

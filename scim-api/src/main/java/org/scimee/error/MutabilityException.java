package org.scimee.error;

/** 400 {@code mutability}: the request tries to change a readOnly or immutable attribute. */
public class MutabilityException extends ScimException {

    public MutabilityException(String detail) {
        super(400, "mutability", detail);
    }

    public MutabilityException(String detail, Throwable cause) {
        super(400, "mutability", detail, cause);
    }
}

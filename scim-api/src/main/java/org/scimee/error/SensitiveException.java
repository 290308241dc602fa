package org.scimee.error;

/** 403 {@code sensitive}: the request cannot be completed because it would expose sensitive information in the URI. */
public class SensitiveException extends ScimException {

    public SensitiveException(String detail) {
        super(403, "sensitive", detail);
    }

    public SensitiveException(String detail, Throwable cause) {
        super(403, "sensitive", detail, cause);
    }
}

package org.scimee.error;

/** 403: the authenticated caller may not perform this operation. */
public class ForbiddenException extends ScimException {

    public ForbiddenException(String detail) {
        super(403, null, detail);
    }

    public ForbiddenException(String detail, Throwable cause) {
        super(403, null, detail, cause);
    }
}

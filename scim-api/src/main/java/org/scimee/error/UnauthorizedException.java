package org.scimee.error;

/** 401: the request carries no valid credentials. */
public class UnauthorizedException extends ScimException {

    public UnauthorizedException(String detail) {
        super(401, null, detail);
    }

    public UnauthorizedException(String detail, Throwable cause) {
        super(401, null, detail, cause);
    }
}

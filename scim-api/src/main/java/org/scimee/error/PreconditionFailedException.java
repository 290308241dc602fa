package org.scimee.error;

/** 412: the resource version does not match the {@code If-Match} precondition. */
public class PreconditionFailedException extends ScimException {

    public PreconditionFailedException(String detail) {
        super(412, null, detail);
    }

    public PreconditionFailedException(String detail, Throwable cause) {
        super(412, null, detail, cause);
    }
}

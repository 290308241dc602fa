package org.scimee.error;

/** 501: the service provider does not support the requested operation. */
public class NotImplementedException extends ScimException {

    public NotImplementedException(String detail) {
        super(501, null, detail);
    }

    public NotImplementedException(String detail, Throwable cause) {
        super(501, null, detail, cause);
    }
}

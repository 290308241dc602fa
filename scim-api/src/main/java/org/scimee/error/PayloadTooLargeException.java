package org.scimee.error;

/** 413: the request body exceeds the configured maximum size. */
public class PayloadTooLargeException extends ScimException {

    public PayloadTooLargeException(String detail) {
        super(413, null, detail);
    }

    public PayloadTooLargeException(String detail, Throwable cause) {
        super(413, null, detail, cause);
    }
}

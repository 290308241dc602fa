package org.scimee.error;

/** 400 {@code invalidVers}: the specified SCIM protocol version is not supported. */
public class InvalidVersionException extends ScimException {

    public InvalidVersionException(String detail) {
        super(400, "invalidVers", detail);
    }

    public InvalidVersionException(String detail, Throwable cause) {
        super(400, "invalidVers", detail, cause);
    }
}

package org.scimee.error;

/** 400 {@code noTarget}: the path did not yield an attribute or value that could be operated on. */
public class NoTargetException extends ScimException {

    public NoTargetException(String detail) {
        super(400, "noTarget", detail);
    }

    public NoTargetException(String detail, Throwable cause) {
        super(400, "noTarget", detail, cause);
    }
}

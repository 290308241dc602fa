package org.scimee.error;

/** 400 {@code invalidPath}: the attribute path is illegal or unsupported. */
public class InvalidPathException extends ScimException {

    public InvalidPathException(String detail) {
        super(400, "invalidPath", detail);
    }

    public InvalidPathException(String detail, Throwable cause) {
        super(400, "invalidPath", detail, cause);
    }
}

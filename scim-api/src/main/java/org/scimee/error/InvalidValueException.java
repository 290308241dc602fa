package org.scimee.error;

/** 400 {@code invalidValue}: a required value is missing, or a value is not compatible with the attribute type. */
public class InvalidValueException extends ScimException {

    public InvalidValueException(String detail) {
        super(400, "invalidValue", detail);
    }

    public InvalidValueException(String detail, Throwable cause) {
        super(400, "invalidValue", detail, cause);
    }
}

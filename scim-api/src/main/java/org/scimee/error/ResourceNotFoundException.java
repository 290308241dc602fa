package org.scimee.error;

/** 404: the resource or endpoint does not exist. */
public class ResourceNotFoundException extends ScimException {

    public ResourceNotFoundException(String detail) {
        super(404, null, detail);
    }

    public ResourceNotFoundException(String detail, Throwable cause) {
        super(404, null, detail, cause);
    }
}

package org.scimee.jaxrs;

import jakarta.ws.rs.core.MediaType;

/** RFC 7644 §8.1: the SCIM media type. */
public final class ScimMediaType {

    public static final String APPLICATION_SCIM_JSON = "application/scim+json";
    public static final MediaType APPLICATION_SCIM_JSON_TYPE = new MediaType("application", "scim+json");

    private ScimMediaType() {
    }
}

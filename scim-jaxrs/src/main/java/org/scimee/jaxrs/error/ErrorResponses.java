package org.scimee.jaxrs.error;

import jakarta.ws.rs.core.Response;
import org.scimee.error.ScimException;
import org.scimee.jaxrs.ScimMediaType;

/** Turns a {@link ScimException} into its RFC 7644 §3.12 response. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response of(ScimException error) {
        return Response.status(error.status())
                .type(ScimMediaType.APPLICATION_SCIM_JSON_TYPE)
                .entity(error.toJson().toString())
                .build();
    }
}

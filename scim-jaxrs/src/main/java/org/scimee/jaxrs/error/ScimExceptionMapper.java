package org.scimee.jaxrs.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.scimee.error.ScimException;

/** Every SCIM error becomes its RFC 7644 §3.12 body with the status it names. */
@Provider
@ApplicationScoped
public class ScimExceptionMapper implements ExceptionMapper<ScimException> {

    @Override
    public Response toResponse(ScimException exception) {
        return ErrorResponses.of(exception);
    }
}

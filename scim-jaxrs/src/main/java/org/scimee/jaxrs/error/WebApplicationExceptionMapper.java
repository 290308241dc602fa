package org.scimee.jaxrs.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.scimee.error.ScimException;

/**
 * The runtime's own HTTP errors (unknown path 404, wrong method 405, unsupported media type 415, ...) in the
 * SCIM error format, keeping the runtime's status and headers such as {@code Allow}.
 */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        String detail = switch (status) {
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed on this endpoint";
            case 406 -> "this service only answers application/scim+json";
            case 415 -> "send application/scim+json or application/json";
            default -> original.getStatusInfo().getReasonPhrase();
        };
        Response.ResponseBuilder response = Response.fromResponse(ErrorResponses.of(new ScimException(status, null, detail)));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }
}

package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.jaxrs.operation.BulkProcessor;
import org.scimee.jaxrs.security.CallerContext;

/** RFC 7644 §3.7: {@code POST /Bulk}, within {@code maxOperations} and {@code maxPayloadSize} (413 beyond). */
@Path("Bulk")
@RequestScoped
public class BulkEndpoint {

    private BulkProcessor processor;
    private ScimSettings settings;
    private CallerContext callers;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public BulkEndpoint() {
    }

    @Inject
    public BulkEndpoint(BulkProcessor processor, ScimSettings settings, CallerContext callers) {
        this.processor = processor;
        this.settings = settings;
        this.callers = callers;
    }

    @POST
    @Consumes({ScimMediaType.APPLICATION_SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response bulk(@Context UriInfo uri, InputStream body) {
        String base = uri.getBaseUri().toString();
        return ScimResponses.ok(processor.process(callers.caller(),
                RequestBodies.object(body, settings.bulkMaxPayloadBytes()), settings.bulkMaxOperations(),
                base.endsWith("/") ? base : base + "/"));
    }
}

package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.schema.SchemaRegistry;
import org.scimee.schema.SchemaWriter;

/** RFC 7644 §4: {@code /Schemas}, generated from the schema registry (RFC 7643 §7). */
@Path("Schemas")
@RequestScoped
public class SchemasEndpoint {

    private SchemaRegistry registry;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public SchemasEndpoint() {
    }

    @Inject
    public SchemasEndpoint(SchemaRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Response list(@QueryParam("filter") String filter, @Context UriInfo uri) {
        ScimResponses.refuseDiscoveryFilter(filter);
        return ScimResponses.ok(ScimResponses.list(registry.schemas().stream()
                .map(schema -> SchemaWriter.schema(schema, ScimResponses.location(uri, "Schemas", schema.id()))).toList()));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context UriInfo uri) {
        return ScimResponses.ok(registry.schema(id)
                .map(schema -> SchemaWriter.schema(schema, ScimResponses.location(uri, "Schemas", schema.id())))
                .orElseThrow(() -> new ResourceNotFoundException("no schema " + id)));
    }
}

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

/** RFC 7644 §4: {@code /ResourceTypes}, generated from the schema registry (RFC 7643 §6). */
@Path("ResourceTypes")
@RequestScoped
public class ResourceTypesEndpoint {

    private SchemaRegistry registry;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public ResourceTypesEndpoint() {
    }

    @Inject
    public ResourceTypesEndpoint(SchemaRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Response list(@QueryParam("filter") String filter, @Context UriInfo uri) {
        ScimResponses.refuseDiscoveryFilter(filter);
        return ScimResponses.ok(ScimResponses.list(registry.resourceTypes().stream()
                .map(type -> SchemaWriter.resourceType(type, ScimResponses.location(uri, "ResourceTypes", type.id()))).toList()));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context UriInfo uri) {
        return ScimResponses.ok(registry.resourceType(id)
                .map(type -> SchemaWriter.resourceType(type, ScimResponses.location(uri, "ResourceTypes", type.id())))
                .orElseThrow(() -> new ResourceNotFoundException("no resource type " + id)));
    }
}

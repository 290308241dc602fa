package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.scimee.error.NotImplementedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.security.CallerContext;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.security.MeResolver;

/**
 * RFC 7644 §3.11: {@code /Me} is an alias for the authenticated caller's own resource, which an application's
 * {@link MeResolver} names. Responses are those of the resource's own endpoint, so {@code meta.location} is the
 * resource's real URL. Without a resolver: 501.
 */
@Path("Me")
@RequestScoped
public class MeEndpoint {

    private Instance<MeResolver> resolvers;
    private CallerContext callers;
    private SchemaRegistry registry;
    private ResourceEndpoint resources;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public MeEndpoint() {
    }

    @Inject
    public MeEndpoint(Instance<MeResolver> resolvers, CallerContext callers, SchemaRegistry registry,
                      ResourceEndpoint resources) {
        this.resolvers = resolvers;
        this.callers = callers;
        this.registry = registry;
        this.resources = resources;
    }

    @GET
    public Response get(@Context UriInfo uri, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Target me = me();
        return resources.get(me.type().endpointSegment(), me.id(), uri, attributes, excludedAttributes, ifNoneMatch);
    }

    @PUT
    @Consumes({ScimMediaType.APPLICATION_SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response replace(@Context UriInfo uri, InputStream body, @QueryParam("attributes") String attributes,
                            @QueryParam("excludedAttributes") String excludedAttributes,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Target me = me();
        return resources.replace(me.type().endpointSegment(), me.id(), uri, body, attributes, excludedAttributes, ifMatch);
    }

    @PATCH
    @Consumes({ScimMediaType.APPLICATION_SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response patch(@Context UriInfo uri, InputStream body, @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excludedAttributes,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Target me = me();
        return resources.patch(me.type().endpointSegment(), me.id(), uri, body, attributes, excludedAttributes, ifMatch);
    }

    @DELETE
    public Response delete(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Target me = me();
        return resources.delete(me.type().endpointSegment(), me.id(), ifMatch);
    }

    private record Target(ResourceType type, String id) {
    }

    private Target me() {
        if (resolvers.isUnsatisfied()) {
            throw new NotImplementedException("/Me is not supported by this service provider");
        }
        MeResolver.Reference reference = resolvers.get().resolve(callers.caller())
                .orElseThrow(() -> new ResourceNotFoundException("the authenticated caller has no resource here"));
        ResourceType type = registry.resourceType(reference.resourceType())
                .orElseThrow(() -> new IllegalStateException("MeResolver named unknown resource type " + reference.resourceType()));
        return new Target(type, reference.id());
    }
}

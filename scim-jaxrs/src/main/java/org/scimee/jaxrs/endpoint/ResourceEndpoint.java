package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.projection.Projection;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * RFC 7644 §3.3 and §3.4.1 for every registered resource type: the first path segment selects the type by its
 * endpoint ({@code /Users}, {@code /Groups}, or an application's own).
 *
 * <p>Every response goes through a {@link Projection}: {@code returned: never} attributes (e.g. {@code password})
 * never leave the server, and {@code attributes}/{@code excludedAttributes} (RFC 7644 §3.9) are honoured.
 * Answers in {@code application/scim+json} whatever the {@code Accept} header says, as RFC 7644 §3.1 allows.
 */
@Path("{endpoint}")
@RequestScoped
public class ResourceEndpoint {

    private SchemaRegistry registry;
    private ResourceStore store;
    private ResourceValidator validator;
    private ScimSettings settings;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public ResourceEndpoint() {
    }

    @Inject
    public ResourceEndpoint(SchemaRegistry registry, ResourceStore store, ScimSettings settings) {
        this.registry = registry;
        this.store = store;
        this.settings = settings;
        this.validator = new ResourceValidator(registry);
    }

    @POST
    @Consumes({ScimMediaType.APPLICATION_SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response create(@PathParam("endpoint") String endpoint, @Context UriInfo uri, InputStream body,
                           @QueryParam("attributes") String attributes,
                           @QueryParam("excludedAttributes") String excludedAttributes) {
        ResourceType type = type(endpoint);
        Projection projection = Projection.parse(registry, type, attributes, excludedAttributes);
        JsonObject resource = validator.forCreate(type, RequestBodies.object(body, settings.maxRequestBytes()));
        StoredResource created = store.create(type, resource);
        URI location = location(uri, type, created.id());
        return Response.created(location)
                .tag(new EntityTag(Long.toString(created.meta().version()), true))
                .type(ScimMediaType.APPLICATION_SCIM_JSON_TYPE)
                .entity(projection.apply(created.toJson(type, location.toString())).toString())
                .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("endpoint") String endpoint, @PathParam("id") String id, @Context UriInfo uri,
                        @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes) {
        ResourceType type = type(endpoint);
        Projection projection = Projection.parse(registry, type, attributes, excludedAttributes);
        StoredResource resource = store.find(type, id)
                .orElseThrow(() -> new ResourceNotFoundException(type.name() + " " + id + " not found"));
        JsonObject body = projection.apply(resource.toJson(type, location(uri, type, id).toString()));
        return Response.ok(body.toString(), ScimMediaType.APPLICATION_SCIM_JSON_TYPE)
                .tag(new EntityTag(Long.toString(resource.meta().version()), true))
                .build();
    }

    private ResourceType type(String endpoint) {
        return registry.resourceTypeAt(endpoint)
                .orElseThrow(() -> new ResourceNotFoundException("no resource type is served at /" + endpoint));
    }

    private static URI location(UriInfo uri, ResourceType type, String id) {
        return uri.getBaseUriBuilder().path(type.endpointSegment()).path(id).build();
    }
}

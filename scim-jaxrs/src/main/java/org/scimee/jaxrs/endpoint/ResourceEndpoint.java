package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.jaxrs.operation.Preconditions;
import org.scimee.jaxrs.operation.ResourceOperations;
import org.scimee.jaxrs.security.CallerContext;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/**
 * RFC 7644 §3.3 to §3.6 (create, list and search, read, replace, patch, delete) for every registered resource type: the first path segment selects the type by its
 * endpoint ({@code /Users}, {@code /Groups}, or an application's own).
 *
 * <p>Every response goes through a {@link Projection}: {@code returned: never} attributes (e.g. {@code password})
 * never leave the server, and {@code attributes}/{@code excludedAttributes} (RFC 7644 §3.9) are honoured.
 * Answers in {@code application/scim+json} whatever the {@code Accept} header says, as RFC 7644 §3.1 allows.
 * {@code meta.version} is the {@code ETag}; {@code If-Match} guards PUT and DELETE, {@code If-None-Match} GET.
 */
@Path("{endpoint}")
@RequestScoped
public class ResourceEndpoint {

    private static final String SCIM_JSON = ScimMediaType.APPLICATION_SCIM_JSON;

    private SchemaRegistry registry;
    private ResourceOperations operations;
    private ScimSettings settings;
    private CallerContext callers;
    private Representations representations;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public ResourceEndpoint() {
    }

    @Inject
    public ResourceEndpoint(SchemaRegistry registry, ResourceOperations operations, ScimSettings settings,
                            CallerContext callers, Representations representations) {
        this.registry = registry;
        this.operations = operations;
        this.settings = settings;
        this.callers = callers;
        this.representations = representations;
    }

    @POST
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response create(@PathParam("endpoint") String endpoint, @Context UriInfo uri, InputStream body,
                           @QueryParam("attributes") String attributes,
                           @QueryParam("excludedAttributes") String excludedAttributes) {
        ResourceType type = type(endpoint);
        Projection projection = Projection.parse(registry, type, attributes, excludedAttributes);
        StoredResource created = operations.create(callers.caller(), type,
                RequestBodies.object(body, settings.maxRequestBytes()));
        URI location = URI.create(ScimResponses.location(uri, type.endpointSegment(), created.id()));
        return represent(Response.created(location), uri, type, created, projection);
    }

    @GET
    public Response list(@PathParam("endpoint") String endpoint, @Context UriInfo uri) {
        return search(type(endpoint), SearchParameters.fromQuery(uri.getQueryParameters()), uri);
    }

    @POST
    @Path(".search")
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response searchByPost(@PathParam("endpoint") String endpoint, @Context UriInfo uri, InputStream body) {
        ResourceType type = type(endpoint);
        return search(type, SearchParameters.fromBody(RequestBodies.object(body, settings.maxRequestBytes())), uri);
    }

    private Response search(ResourceType type, SearchParameters parameters, UriInfo uri) {
        ResourceQuery query = parameters.toQuery(registry, type, settings);
        QueryResult result = operations.query(callers.caller(), type, query);
        List<JsonObject> resources = representations.of(uri, type, result.resources(), query.projection());
        return ScimResponses.ok(ScimResponses.page(result, query.page(), resources));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("endpoint") String endpoint, @PathParam("id") String id, @Context UriInfo uri,
                        @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ResourceType type = type(endpoint);
        Projection projection = Projection.parse(registry, type, attributes, excludedAttributes);
        StoredResource resource = operations.get(callers.caller(), type, id, projection);
        if (Preconditions.noneMatchHits(ifNoneMatch, resource.meta().version())) {
            return Response.notModified(etag(resource)).build();
        }
        return represent(Response.ok(), uri, type, resource, projection);
    }

    @PUT
    @Path("{id}")
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response replace(@PathParam("endpoint") String endpoint, @PathParam("id") String id, @Context UriInfo uri,
                            InputStream body,
                            @QueryParam("attributes") String attributes,
                            @QueryParam("excludedAttributes") String excludedAttributes,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ResourceType type = type(endpoint);
        Projection projection = Projection.parse(registry, type, attributes, excludedAttributes);
        StoredResource replaced = operations.replace(callers.caller(), type, id,
                RequestBodies.object(body, settings.maxRequestBytes()), ifMatch);
        return represent(Response.ok(), uri, type, replaced, projection);
    }

    @PATCH
    @Path("{id}")
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response patch(@PathParam("endpoint") String endpoint, @PathParam("id") String id, @Context UriInfo uri,
                          InputStream body,
                          @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excludedAttributes,
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ResourceType type = type(endpoint);
        Projection projection = Projection.parse(registry, type, attributes, excludedAttributes);
        // RFC 7644 §3.5.2: 200 with the resource, or 204 without a body; some operators prefer the latter.
        boolean noContent = settings.patchAnswersNoContent() && attributes == null && excludedAttributes == null;
        // a 204 carries only the ETag: the store need not read back what the resource holds (a group's members)
        Projection response = noContent ? Projection.parse(registry, type, "id", null) : projection;
        StoredResource patched = operations.patch(callers.caller(), type, id,
                RequestBodies.object(body, settings.maxRequestBytes()), ifMatch, response);
        if (noContent) {
            return Response.noContent().tag(etag(patched)).build();
        }
        return represent(Response.ok(), uri, type, patched, projection);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("endpoint") String endpoint, @PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        operations.delete(callers.caller(), type(endpoint), id, ifMatch);
        return Response.noContent().build();
    }

    private ResourceType type(String endpoint) {
        return registry.resourceTypeAt(endpoint)
                .orElseThrow(() -> new ResourceNotFoundException("no resource type is served at /" + endpoint));
    }

    private Response represent(Response.ResponseBuilder response, UriInfo uri, ResourceType type,
                               StoredResource resource, Projection projection) {
        return response.tag(etag(resource))
                .type(ScimMediaType.APPLICATION_SCIM_JSON_TYPE)
                .entity(representations.of(uri, type, resource, projection).toString())
                .build();
    }

    private static EntityTag etag(StoredResource resource) {
        return new EntityTag(Long.toString(resource.meta().version()), true);
    }
}

package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import java.util.Optional;
import java.util.OptionalLong;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.event.ResourceEvent;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ResourceStores;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.jaxrs.security.CallerContext;
import org.scimee.projection.Projection;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/**
 * RFC 7644 §3.3 to §3.6 (create, list and search, read, replace, delete) for every registered resource type: the first path segment selects the type by its
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

    private static final int MAX_ATTEMPTS = 5;

    private SchemaRegistry registry;
    private ResourceStores stores;
    private ResourceValidator validator;
    private ScimSettings settings;
    private CallerContext callers;
    private ResourceEvents events;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public ResourceEndpoint() {
    }

    @Inject
    public ResourceEndpoint(SchemaRegistry registry, ResourceStores stores, ScimSettings settings, CallerContext callers,
                            ResourceEvents events) {
        this.events = events;
        this.callers = callers;
        this.registry = registry;
        this.stores = stores;
        this.settings = settings;
        this.validator = new ResourceValidator(registry);
    }

    @POST
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response create(@PathParam("endpoint") String endpoint, @Context UriInfo uri, InputStream body,
                           @QueryParam("attributes") String attributes,
                           @QueryParam("excludedAttributes") String excludedAttributes) {
        ResourceType type = type(endpoint);
        Projection projection = Projection.parse(registry, type, attributes, excludedAttributes);
        JsonObject resource = validator.forCreate(type, RequestBodies.object(body, settings.maxRequestBytes()));
        StoredResource created = stores.of(type).create(callers.caller().tenant(), type, resource);
        events.fire(new ResourceEvent(ResourceEvent.Kind.CREATED, callers.caller().tenant(), type.id(), created.id(),
                Optional.empty(), Optional.of(created)));
        URI location = URI.create(ScimResponses.location(uri, type.endpointSegment(), created.id()));
        return represent(Response.created(location), type, created, location.toString(), projection);
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
        QueryResult result = stores.of(type).query(callers.caller().tenant(), type, query);
        List<JsonObject> resources = result.resources().stream()
                .map(r -> query.projection().apply(r.toJson(type, ScimResponses.location(uri, type.endpointSegment(), r.id()))))
                .toList();
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
        StoredResource resource = existing(type, id);
        if (Preconditions.noneMatchHits(ifNoneMatch, resource.meta().version())) {
            return Response.notModified(etag(resource)).build();
        }
        return represent(Response.ok(), type, resource, ScimResponses.location(uri, type.endpointSegment(), id), projection);
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
        JsonObject request = RequestBodies.object(body, settings.maxRequestBytes());
        StoredResource[] before = new StoredResource[1];
        StoredResource replaced = atVersionRead(type, id, ifMatch, (current, version) -> {
            before[0] = current;
            JsonObject replacement = validator.forReplace(type, request, current.attributes());
            return stores.of(type).replace(callers.caller().tenant(), type, id, replacement, version);
        });
        events.fire(new ResourceEvent(ResourceEvent.Kind.REPLACED, callers.caller().tenant(), type.id(), id,
                Optional.of(before[0]), Optional.of(replaced)));
        return represent(Response.ok(), type, replaced, ScimResponses.location(uri, type.endpointSegment(), id), projection);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("endpoint") String endpoint, @PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ResourceType type = type(endpoint);
        StoredResource deleted = atVersionRead(type, id, ifMatch, (current, version) -> {
            stores.of(type).delete(callers.caller().tenant(), type, id, version);
            return current;
        });
        events.fire(new ResourceEvent(ResourceEvent.Kind.DELETED, callers.caller().tenant(), type.id(), id,
                Optional.of(deleted), Optional.empty()));
        return Response.noContent().build();
    }

    /** A change computed from the resource as read, to be applied only if the resource is still at that version. */
    private interface VersionedChange {
        StoredResource apply(StoredResource current, OptionalLong version);
    }

    /**
     * Reads the resource and applies a change computed from it, guarded by the version read, so no concurrent write
     * is lost. With {@code If-Match} the client's version guards it and a mismatch is the client's 412; without, a
     * writer that slipped in between read and write just makes us read again.
     */
    private StoredResource atVersionRead(ResourceType type, String id, String ifMatch, VersionedChange change) {
        for (int attempt = 1; ; attempt++) {
            StoredResource current = existing(type, id);
            OptionalLong demanded = Preconditions.ifMatch(ifMatch, () -> current.meta().version());
            try {
                return change.apply(current, demanded.isPresent() ? demanded : OptionalLong.of(current.meta().version()));
            } catch (PreconditionFailedException e) {
                if (demanded.isPresent() || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private ResourceType type(String endpoint) {
        return registry.resourceTypeAt(endpoint)
                .orElseThrow(() -> new ResourceNotFoundException("no resource type is served at /" + endpoint));
    }

    private StoredResource existing(ResourceType type, String id) {
        return stores.of(type).find(callers.caller().tenant(), type, id)
                .orElseThrow(() -> new ResourceNotFoundException(type.name() + " " + id + " not found"));
    }

    private static Response represent(Response.ResponseBuilder response, ResourceType type, StoredResource resource,
                                      String location, Projection projection) {
        return response.tag(etag(resource))
                .type(ScimMediaType.APPLICATION_SCIM_JSON_TYPE)
                .entity(projection.apply(resource.toJson(type, location)).toString())
                .build();
    }

    private static EntityTag etag(StoredResource resource) {
        return new EntityTag(Long.toString(resource.meta().version()), true);
    }
}

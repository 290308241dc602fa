package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ScimSettings;

/**
 * RFC 7643 §5: what this service provider supports. Only what is implemented is advertised as supported.
 */
@Path("ServiceProviderConfig")
@RequestScoped
public class ServiceProviderConfigEndpoint {

    private ScimSettings settings;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public ServiceProviderConfigEndpoint() {
    }

    @Inject
    public ServiceProviderConfigEndpoint(ScimSettings settings) {
        this.settings = settings;
    }

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

    @GET
    public Response get(@Context UriInfo uri) {
        JsonObject body = Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(SCHEMA))
                .add("patch", supported(true))
                .add("bulk", supported(true).add("maxOperations", settings.bulkMaxOperations())
                        .add("maxPayloadSize", settings.bulkMaxPayloadBytes()))
                .add("filter", supported(true).add("maxResults", settings.maxPageSize()))
                .add("changePassword", supported(false))
                .add("sort", supported(true))
                // RFC 9865 §4: both paging styles; cursors of the built-in stores do not expire.
                .add("pagination", Json.createObjectBuilder()
                        .add("cursor", true)
                        .add("index", true)
                        .add("defaultPaginationMethod", "index")
                        .add("defaultPageSize", settings.defaultPageSize())
                        .add("maxPageSize", settings.maxPageSize()))
                .add("etag", supported(true))
                .add("authenticationSchemes", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "oauthbearertoken")
                        .add("name", "Bearer token")
                        .add("description", "A static bearer token in the Authorization header, set by the operator")
                        .add("primary", true)))
                .add("meta", Json.createObjectBuilder()
                        .add("resourceType", "ServiceProviderConfig")
                        .add("location", uri.getBaseUriBuilder().path("ServiceProviderConfig").build().toString()))
                .build();
        return Response.ok(body.toString(), ScimMediaType.APPLICATION_SCIM_JSON_TYPE).build();
    }

    private static JsonObjectBuilder supported(boolean supported) {
        return Json.createObjectBuilder().add("supported", supported);
    }
}

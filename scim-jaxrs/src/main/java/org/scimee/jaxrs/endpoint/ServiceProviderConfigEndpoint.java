package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
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

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

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
        JsonObject body = JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(SCHEMA))
                .add("patch", supported(true))
                .add("bulk", supported(true).add("maxOperations", settings.bulkMaxOperations())
                        .add("maxPayloadSize", settings.bulkMaxPayloadBytes()))
                .add("filter", supported(true).add("maxResults", settings.maxPageSize()))
                .add("changePassword", supported(false))
                .add("sort", supported(true))
                // RFC 9865 §4: both paging styles; cursors of the built-in stores do not expire.
                .add("pagination", JSON.createObjectBuilder()
                        .add("cursor", true)
                        .add("index", true)
                        .add("defaultPaginationMethod", "index")
                        .add("defaultPageSize", settings.defaultPageSize())
                        .add("maxPageSize", settings.maxPageSize()))
                .add("etag", supported(true))
                .add("authenticationSchemes", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("type", "oauthbearertoken")
                        .add("name", "Bearer token")
                        .add("description", "A static bearer token in the Authorization header, set by the operator")
                        .add("primary", true)))
                .add("meta", JSON.createObjectBuilder()
                        .add("resourceType", "ServiceProviderConfig")
                        .add("location", uri.getBaseUriBuilder().path("ServiceProviderConfig").build().toString()))
                .build();
        return Response.ok(body.toString(), ScimMediaType.APPLICATION_SCIM_JSON_TYPE).build();
    }

    private static JsonObjectBuilder supported(boolean supported) {
        return JSON.createObjectBuilder().add("supported", supported);
    }
}

package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.scimee.jaxrs.ScimMediaType;

/**
 * RFC 7643 §5: what this service provider supports. Only what is implemented is advertised as supported.
 */
@Path("ServiceProviderConfig")
@RequestScoped
public class ServiceProviderConfigEndpoint {

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

    @GET
    public Response get(@Context UriInfo uri) {
        JsonObject body = Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(SCHEMA))
                .add("patch", supported(false))
                .add("bulk", supported(false).add("maxOperations", 0).add("maxPayloadSize", 0))
                .add("filter", supported(false).add("maxResults", 0))
                .add("changePassword", supported(false))
                .add("sort", supported(false))
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

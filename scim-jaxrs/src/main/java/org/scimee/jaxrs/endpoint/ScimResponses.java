package org.scimee.jaxrs.endpoint;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.scimee.error.ForbiddenException;
import org.scimee.jaxrs.ScimMediaType;

/** The pieces every endpoint's answer is made of. */
final class ScimResponses {

    /** RFC 7644 §3.4.2: the list response schema. */
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ScimResponses() {
    }

    /** 200 with {@code body} as {@code application/scim+json}. */
    static Response ok(JsonObject body) {
        return Response.ok(body.toString(), ScimMediaType.APPLICATION_SCIM_JSON_TYPE).build();
    }

    /** A complete, unpaged list response. */
    static JsonObject list(List<JsonObject> resources) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        resources.forEach(array::add);
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(LIST_RESPONSE))
                .add("totalResults", resources.size())
                .add("itemsPerPage", resources.size())
                .add("startIndex", 1)
                .add("Resources", array)
                .build();
    }

    /** The absolute URL of {@code /endpoint/id} under the request's base URI. */
    static String location(UriInfo uri, String endpoint, String id) {
        return uri.getBaseUriBuilder().path(endpoint).path(id).build().toString();
    }

    /** RFC 7644 §4: "If a "filter" is provided, the service provider SHOULD respond with HTTP status code 403". */
    static void refuseDiscoveryFilter(String filter) {
        if (filter != null) {
            throw new ForbiddenException("discovery endpoints do not support filtering");
        }
    }
}

package org.scimee.jaxrs.endpoint;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.scimee.error.ForbiddenException;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;

/** The pieces every endpoint's answer is made of. */
final class ScimResponses {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

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
        JsonArrayBuilder array = JSON.createArrayBuilder();
        resources.forEach(array::add);
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(LIST_RESPONSE))
                .add("totalResults", resources.size())
                .add("itemsPerPage", resources.size())
                .add("startIndex", 1)
                .add("Resources", array)
                .build();
    }

    /** One page of a query's answer (RFC 7644 §3.4.2; RFC 9865 for cursors). */
    static JsonObject page(QueryResult result, Page page, List<JsonObject> resources) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        resources.forEach(array::add);
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(LIST_RESPONSE))
                .add("totalResults", result.totalResults())
                .add("itemsPerPage", resources.size());
        if (page instanceof Page.Index index) {
            body.add("startIndex", index.startIndex());
        }
        if (result.nextCursor() != null) {
            body.add("nextCursor", result.nextCursor());
        }
        if (result.previousCursor() != null) {
            body.add("previousCursor", result.previousCursor());
        }
        return body.add("Resources", array).build();
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

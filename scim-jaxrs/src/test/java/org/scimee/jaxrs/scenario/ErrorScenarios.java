package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.12: whatever goes wrong, the answer is a SCIM error with the right status and {@code scimType}, the
 * runtime's own errors (404, 405, 415) included, and never a stack trace or the token.
 */
public interface ErrorScenarios extends ScimService {

    @Test
    default void unknownIdIsA404ScimError() throws Exception {
        HttpResponse<String> response = send(request("Users/" + UUID.randomUUID()).GET());
        assertScimError(response, 404, null);
    }

    @Test
    default void unknownIdIsA404OnGetPutAndDelete() throws Exception {
        for (String endpoint : List.of("Users", "Groups")) {
            String path = endpoint + "/" + UUID.randomUUID();
            String body = endpoint.equals("Users") ? "{\"userName\":\"ghost-" + UUID.randomUUID() + "\"}" : "{\"displayName\":\"ghost\"}";
            assertScimError(send(request(path).GET()), 404, null);
            assertScimError(send(request(path).PUT(body(body))), 404, null);
            assertScimError(send(request(path).DELETE()), 404, null);
            assertScimError(send(request(path).header("If-Match", "W/\"1\"").PUT(body(body))), 404, null);
            assertScimError(send(request(path).header("If-Match", "W/\"1\"").DELETE()), 404, null);
            assertScimError(send(request(path).header("If-None-Match", "W/\"1\"").GET()), 404, null);
        }
        // A PUT to an unknown id does not create it.
        String path = "Users/" + UUID.randomUUID();
        send(request(path).PUT(body("{\"userName\":\"ghost-" + UUID.randomUUID() + "\"}")));
        assertScimError(send(request(path).GET()), 404, null);
    }

    @Test
    default void unknownEndpointIsA404ScimError() throws Exception {
        assertScimError(send(request("Gadgets/1").GET()), 404, null);
    }

    @Test
    default void unknownEndpointIsA404ForEveryMethod() throws Exception {
        List<HttpRequest.Builder> requests = List.of(
                request("Gadgets").POST(body("{\"name\":\"x\"}")),
                request("Gadgets/1").PUT(body("{\"name\":\"x\"}")),
                request("Gadgets/1").DELETE(),
                request("users/" + UUID.randomUUID()).GET(),
                request("Users/1/extra").GET());
        for (HttpRequest.Builder r : requests) {
            assertScimError(send(r), 404, null);
        }
    }

    @Test
    default void badBodiesAre400ScimErrors() throws Exception {
        assertScimError(send(request("Users").POST(body("{\"userName\": "))), 400, "invalidSyntax");
        assertScimError(send(request("Users").POST(body("[{\"userName\":\"x\"}]"))), 400, "invalidSyntax");
        assertScimError(send(request("Users").POST(body("{\"displayName\":\"No Name\"}"))), 400, "invalidValue");
        assertScimError(send(request("Users").POST(body("{\"userName\":\"x\",\"active\":\"maybe\"}"))), 400, "invalidValue");
    }

    @Test
    default void bodiesThatAreNotAJsonObjectAre400InvalidSyntax() throws Exception {
        String id = json(send(request("Users").POST(body("{\"userName\":\"syntax-" + UUID.randomUUID() + "\"}"))).body()).getString("id");
        for (String bad : List.of("", "   ", "userName=bjensen", "<User><userName>x</userName></User>", "\"bjensen\"",
                "42", "null", "true", "[]", "[{\"userName\":\"x\"}]", "{\"userName\":\"x\"", "{'userName':'x'}")) {
            assertScimError(send(request("Users").POST(body(bad))), 400, "invalidSyntax");
            assertScimError(send(request("Users/" + id).PUT(body(bad))), 400, "invalidSyntax");
        }
        // Every refused replace left the resource as it was.
        assertThat(json(send(request("Users/" + id).GET()).body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");
    }

    @Test
    default void wrongMethodIs405WithAllow() throws Exception {
        String id = json(send(request("Users").POST(body("{\"userName\":\"method-" + UUID.randomUUID() + "\"}"))).body()).getString("id");

        HttpResponse<String> onResource = send(request("Users/" + id).POST(body("{\"userName\":\"x\"}")));
        assertScimError(onResource, 405, null);
        assertThat(allowed(onResource)).contains("GET", "PUT", "DELETE").doesNotContain("POST");

        HttpResponse<String> onCollection = send(request("Users").PUT(body("{\"userName\":\"x\"}")));
        assertScimError(onCollection, 405, null);
        assertThat(allowed(onCollection)).contains("POST").doesNotContain("PUT");

        HttpResponse<String> onConfig = send(request("ServiceProviderConfig").DELETE());
        assertScimError(onConfig, 405, null);
        assertThat(allowed(onConfig)).contains("GET").doesNotContain("DELETE");

        HttpResponse<String> onSchemas = send(request("Schemas").POST(body("{}")));
        assertScimError(onSchemas, 405, null);
        assertThat(allowed(onSchemas)).contains("GET").doesNotContain("POST");

        assertThat(send(request("Users/" + id).GET()).statusCode()).isEqualTo(200);
    }

    private static List<String> allowed(HttpResponse<String> response) {
        return response.headers().allValues("Allow").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    @Test
    default void unsupportedMediaTypeIs415() throws Exception {
        String userName = "media-" + UUID.randomUUID();
        String id = json(send(request("Users").POST(body("{\"userName\":\"" + userName + "\"}"))).body()).getString("id");
        String user = "{\"userName\":\"" + userName + "\"}";
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json")) {
            assertScimError(send(request("Users").setHeader("Content-Type", type).POST(body(user))), 415, null);
            assertScimError(send(request("Users/" + id).setHeader("Content-Type", type).PUT(body(user))), 415, null);
        }
        assertThat(json(send(request("Users/" + id).GET()).body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");
    }

    /** The limit is {@link #maxRequestBytes()}; a body of exactly that size is still read. */
    @Test
    default void oversizedBodyIs413() throws Exception {
        int max = maxRequestBytes();
        String userName = "big-" + UUID.randomUUID();
        String fits = padded("{\"userName\":\"" + userName + "\"}", max);
        HttpResponse<String> created = send(request("Users").POST(body(fits)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created.body()).getString("id");

        String tooBig = padded("{\"userName\":\"big-" + UUID.randomUUID() + "\"}", max + 1);
        assertScimError(send(request("Users").POST(body(tooBig))), 413, null);
        assertScimError(send(request("Users/" + id).PUT(body(padded("{\"userName\":\"" + userName + "\"}", max + 1)))), 413, null);
        // A body well past the limit, in a JSON string rather than whitespace.
        String huge = "{\"userName\":\"" + "x".repeat(2 * max) + "\"}";
        assertScimError(send(request("Users").POST(body(huge))), 413, null);

        HttpResponse<String> read = send(request("Users/" + id).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read.body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");
    }

    /** {@code json} followed by spaces up to exactly {@code bytes} UTF-8 bytes. */
    private static String padded(String json, int bytes) {
        int length = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(length).as("the JSON alone must fit").isLessThanOrEqualTo(bytes);
        return json + " ".repeat(bytes - length);
    }
}

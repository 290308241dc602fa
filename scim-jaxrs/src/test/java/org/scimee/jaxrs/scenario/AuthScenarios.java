package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** RFC 7644 §2: every request carries the bearer token, or gets 401 and learns nothing. */
public interface AuthScenarios extends ScimService {

    @Test
    default void requestsWithoutTheTokenAreRefused() throws Exception {
        HttpResponse<String> none = send(anonymous("Users").POST(body("{\"userName\":\"x\"}")));
        assertScimError(none, 401, null);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        HttpResponse<String> wrong = send(anonymous("ServiceProviderConfig")
                .header("Authorization", "Bearer not-" + token()).GET());
        assertScimError(wrong, 401, null);
        assertThat(wrong.body()).doesNotContain(token());
    }

    /**
     * Every endpoint, discovery included, and paths that do not exist: the filter runs before matching, so an
     * anonymous caller cannot tell them apart, and nothing changes.
     */
    @Test
    default void everyEndpointRefusesAnonymousRequests() throws Exception {
        String userName = "anon-" + UUID.randomUUID();
        String id = json(send(request("Users").POST(body("{\"userName\":\"" + userName + "\"}"))).body()).getString("id");
        String user = "{\"userName\":\"" + userName + "\",\"displayName\":\"changed\"}";

        List<HttpRequest.Builder> requests = List.of(
                anonymous("Users").POST(body("{\"userName\":\"anon-" + UUID.randomUUID() + "\"}")),
                anonymous("Users/" + id).GET(),
                anonymous("Users/" + id).PUT(body(user)),
                anonymous("Users/" + id).DELETE(),
                anonymous("Groups").POST(body("{\"displayName\":\"anon\"}")),
                anonymous("Groups/" + UUID.randomUUID()).GET(),
                anonymous("ServiceProviderConfig").GET(),
                anonymous("ResourceTypes").GET(),
                anonymous("ResourceTypes/User").GET(),
                anonymous("Schemas").GET(),
                anonymous("Schemas/urn:ietf:params:scim:schemas:core:2.0:User").GET(),
                anonymous("Gadgets/1").GET(),
                anonymous("ServiceProviderConfig").DELETE());
        for (HttpRequest.Builder request : requests) {
            HttpResponse<String> response = send(request);
            assertScimError(response, 401, null);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(response.uri().toString())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }

        HttpResponse<String> unchanged = send(request("Users/" + id).GET());
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(json(unchanged.body())).doesNotContainKey("displayName");
        assertThat(json(unchanged.body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");
    }

    @Test
    default void onlyABearerHeaderWithTheExactTokenIsAccepted() throws Exception {
        List<UnaryOperator<HttpRequest.Builder>> credentials = List.of(
                r -> r.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("scim:" + token()).getBytes())),
                r -> r.header("Authorization", token()),
                r -> r.header("Authorization", "Bearer"),
                r -> r.header("Authorization", "Bearer "),
                r -> r.header("Authorization", "Bearer " + token() + "x"),
                r -> r.header("Authorization", "Bearer " + token().substring(0, token().length() - 1)),
                r -> r.header("Authorization", "Bearer " + token().toUpperCase() + "-"),
                r -> r.header("Authorization", "Bearertoken " + token()));
        for (UnaryOperator<HttpRequest.Builder> credential : credentials) {
            HttpResponse<String> response = send(credential.apply(anonymous("ServiceProviderConfig")).GET());
            assertScimError(response, 401, null);
            assertThat(response.body()).doesNotContain(token().substring(0, token().length() - 1));
        }

        // RFC 7235 §2.1: the auth-scheme is case-insensitive.
        assertThat(send(anonymous("ServiceProviderConfig").header("Authorization", "bearer " + token()).GET()).statusCode())
                .isEqualTo(200);
        assertThat(send(anonymous("ServiceProviderConfig").header("Authorization", "BEARER " + token()).GET()).statusCode())
                .isEqualTo(200);
    }
}

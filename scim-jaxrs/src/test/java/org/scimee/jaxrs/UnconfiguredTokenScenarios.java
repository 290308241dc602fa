package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.scimee.jaxrs.scenario.ScimService;

/**
 * With no usable token configured nothing is open: every request gets 401, whatever it presents. In-process only:
 * the real servers are started with a token.
 */
abstract class UnconfiguredTokenScenarios implements ScimService {

    /** Credentials a client might try against an unconfigured server. */
    private static final List<UnaryOperator<HttpRequest.Builder>> CREDENTIALS = List.of(
            r -> r,
            r -> r.header("Authorization", "Bearer"),
            r -> r.header("Authorization", "Bearer "),
            r -> r.header("Authorization", "Bearer  "),
            r -> r.header("Authorization", "Bearer null"),
            r -> r.header("Authorization", "Bearer undefined"),
            r -> r.header("Authorization", "Bearer anything"),
            r -> r.header("Authorization", "Basic Og=="));

    @Override
    public String token() {
        // Nothing is accepted, so there is nothing a body could leak; a value no body contains by accident.
        return "no-token-is-configured";
    }

    @Override
    public int maxRequestBytes() {
        return 1024 * 1024;
    }

    @Test
    void everyRequestIsRefused() throws Exception {
        for (UnaryOperator<HttpRequest.Builder> credential : CREDENTIALS) {
            for (HttpRequest.Builder request : List.of(
                    anonymous("Users").POST(body("{\"userName\":\"bjensen\"}")),
                    anonymous("Users/1").GET(),
                    anonymous("Users/1").PUT(body("{\"userName\":\"bjensen\"}")),
                    anonymous("Users/1").DELETE(),
                    anonymous("Groups").POST(body("{\"displayName\":\"g\"}")),
                    anonymous("ServiceProviderConfig").GET(),
                    anonymous("ResourceTypes").GET(),
                    anonymous("Schemas").GET(),
                    anonymous("Gadgets").GET())) {
                HttpResponse<String> response = send(credential.apply(request));
                assertScimError(response, 401, null);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                assertThat(response.body()).contains("not configured");
            }
        }
    }

    @Override
    public abstract URI base();
}

package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimJson;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.1 and §8.1: clients may send {@code application/json} or {@code application/scim+json}; the service
 * answers {@code application/scim+json}, also to a client that asks for {@code application/json}.
 */
public interface MediaTypeScenarios extends ScimService {

    @Test
    default void applicationJsonIsAcceptedAndScimJsonAnswered() throws Exception {
        String userName = "json-" + UUID.randomUUID();
        HttpResponse<String> created = send(request("Users").setHeader("Content-Type", "application/json")
                .POST(body("{\"userName\":\"" + userName + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertScimJson(created);
        String path = "Users/" + json(created.body()).getString("id");

        HttpResponse<String> replaced = send(request(path).setHeader("Content-Type", "application/json")
                .PUT(body("{\"userName\":\"" + userName + "\",\"displayName\":\"J\"}")));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertScimJson(replaced);
        assertThat(json(replaced.body()).getString("displayName")).isEqualTo("J");

        HttpResponse<String> withCharset = send(request("Users").setHeader("Content-Type", "application/scim+json; charset=utf-8")
                .POST(body("{\"userName\":\"cs-" + UUID.randomUUID() + "\",\"displayName\":\"Zo\u00eb \u00c5str\u00f6m\"}")));
        assertThat(withCharset.statusCode()).as(withCharset.body()).isEqualTo(201);
        assertThat(json(withCharset.body()).getString("displayName")).isEqualTo("Zo\u00eb \u00c5str\u00f6m");
    }

    @Test
    default void everyAnswerIsScimJsonWhateverTheAcceptHeader() throws Exception {
        for (String accept : List.of("application/json", "application/scim+json", "*/*", "application/json;q=0.9, application/scim+json")) {
            HttpResponse<String> created = send(request("Users").header("Accept", accept)
                    .POST(body("{\"userName\":\"accept-" + UUID.randomUUID() + "\"}")));
            assertThat(created.statusCode()).as(accept + ": " + created.body()).isEqualTo(201);
            assertScimJson(created);
            String path = "Users/" + json(created.body()).getString("id");

            HttpResponse<String> read = send(request(path).header("Accept", accept).GET());
            assertThat(read.statusCode()).as(accept).isEqualTo(200);
            assertScimJson(read);
            assertThat(json(read.body())).isEqualTo(json(created.body()));

            HttpResponse<String> missing = send(request("Users/" + UUID.randomUUID()).header("Accept", accept).GET());
            assertScimError(missing, 404, null);
            HttpResponse<String> invalid = send(request("Users").header("Accept", accept).POST(body("{")));
            assertScimError(invalid, 400, "invalidSyntax");
        }
    }
}

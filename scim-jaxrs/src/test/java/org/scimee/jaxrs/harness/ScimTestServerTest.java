package org.scimee.jaxrs.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.scimee.jaxrs.config.ScimSettings;

/** The harness itself: loopback only, only the configuration the test gives, one server after another. */
class ScimTestServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void listensOnLoopbackAndSeesOnlyItsOwnConfiguration() throws Exception {
        String leaked = "from-a-system-property";
        System.setProperty(ScimSettings.BEARER_TOKEN, leaked);
        try (ScimTestServer server = ScimTestServer.builder().bearerToken("given-token").build().start()) {
            assertThat(server.base().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.base().getPath()).isEqualTo("/scim/v2/");
            assertThat(server.base().getPort()).isPositive();
            assertThat(status(server, "given-token")).isEqualTo(200);
            assertThat(status(server, leaked)).isEqualTo(401);
        } finally {
            System.clearProperty(ScimSettings.BEARER_TOKEN);
        }
    }

    @Test
    void serversStartOneAfterAnotherWithTheirOwnSettingsAndStores() throws Exception {
        String firstUser;
        try (ScimTestServer first = ScimTestServer.builder().bearerToken("first").build().start()) {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(first.base().resolve("Users"))
                    .header("Authorization", "Bearer first").header("Content-Type", "application/scim+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userName\":\"bjensen\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            firstUser = created.headers().firstValue("Location").orElseThrow();
            firstUser = firstUser.substring(firstUser.lastIndexOf('/') + 1);
        }
        try (ScimTestServer second = ScimTestServer.builder().bearerToken("second").build().start()) {
            assertThat(status(second, "first")).isEqualTo(401);
            assertThat(status(second, "second")).isEqualTo(200);
            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(second.base().resolve("Users/" + firstUser))
                    .header("Authorization", "Bearer second").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("a fresh store").isEqualTo(404);
        }
    }

    @Test
    void aStoppedServerHasNoBase() {
        ScimTestServer server = ScimTestServer.builder().build();
        assertThatThrownBy(server::base).isInstanceOf(IllegalStateException.class);
        server.start().close();
        assertThatThrownBy(server::base).isInstanceOf(IllegalStateException.class);
    }

    private static int status(ScimTestServer server, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.base().resolve("ServiceProviderConfig"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

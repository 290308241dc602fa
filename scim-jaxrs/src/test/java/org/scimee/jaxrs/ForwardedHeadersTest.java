package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;

/** Behind a trusted proxy, Location and meta.location are the public URLs. */
class ForwardedHeadersTest {

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .property("scimee.http.trust-forwarded-headers", "true"));

    @Test
    void xForwardedHeadersShapeTheUrlsHandedOut() throws Exception {
        HttpResponse<String> created = send(request("Users")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "scim.example.com")
                .header("X-Forwarded-Prefix", "/idp")
                .POST(body("{\"userName\":\"f-" + UUID.randomUUID() + "\"}")));
        JsonObject user = json(created.body());
        String expected = "https://scim.example.com/idp/scim/v2/Users/" + user.getString("id");
        assertThat(created.headers().firstValue("Location")).contains(expected);
        assertThat(user.getJsonObject("meta").getString("location")).isEqualTo(expected);
    }

    @Test
    void rfc7239ForwardedWorksToo() throws Exception {
        HttpResponse<String> created = send(request("Users")
                .header("Forwarded", "for=192.0.2.60;proto=https;host=\"id.example.org:8443\", for=198.51.100.17")
                .POST(body("{\"userName\":\"f-" + UUID.randomUUID() + "\"}")));
        assertThat(json(created.body()).getJsonObject("meta").getString("location"))
                .startsWith("https://id.example.org:8443/scim/v2/Users/");
    }

    @Test
    void garbageIsIgnored() throws Exception {
        HttpResponse<String> created = send(request("Users").header("X-Forwarded-Host", "evil.example.com/<script>")
                .POST(body("{\"userName\":\"f-" + UUID.randomUUID() + "\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created.body()).getJsonObject("meta").getString("location")).startsWith(SERVER.base().toString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Authorization", "Bearer " + SERVER.token())
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
    }
}

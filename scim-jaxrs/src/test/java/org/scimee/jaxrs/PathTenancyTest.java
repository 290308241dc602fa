package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimError;
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

/** {@code scimee.tenant.from-path}: each identity provider gets its own tenant URL; discovery may be public. */
class PathTenancyTest {

    static final String ACME = "acme-token";
    static final String GLOBEX = "globex-token";
    static final String ADMIN = "admin-token";

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .property("scimee.tenant.from-path", "true")
            .property("scimee.auth.public-discovery", "true")
            .property("scimee.auth.tokens", "acme,globex,admin")
            .property("scimee.auth.token.acme.sha256", InProcessScimTest.sha256(ACME))
            .property("scimee.auth.token.acme.tenant", "acme")
            .property("scimee.auth.token.globex.sha256", InProcessScimTest.sha256(GLOBEX))
            .property("scimee.auth.token.globex.tenant", "globex")
            .property("scimee.auth.token.admin.sha256", InProcessScimTest.sha256(ADMIN))
            .property("scimee.auth.token.admin.tenant", "*"));

    @Test
    void thePathNamesTheTenantAndUrlsKeepIt() throws Exception {
        HttpResponse<String> created = send(request(ACME, "acme/Users").POST(body("{\"userName\":\"pt-" + UUID.randomUUID() + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject user = json(created.body());
        String id = user.getString("id");
        assertThat(user.getJsonObject("meta").getString("location")).isEqualTo(SERVER.base() + "acme/Users/" + id);

        assertThat(send(request(ACME, "acme/Users/" + id).GET()).statusCode()).isEqualTo(200);
        assertScimError(send(request(GLOBEX, "globex/Users/" + id).GET()), 404, null);
        assertScimError(send(request(GLOBEX, "acme/Users/" + id).GET()), 403, null);
        assertThat(send(request(ADMIN, "acme/Users/" + id).GET()).statusCode()).isEqualTo(200);
        assertScimError(send(request(ACME, "Users/" + id).GET()), 403, null);
        assertScimError(send(request(ACME, "").GET()), 404, null);
    }

    @Test
    void discoveryIsPublicWhenConfiguredButNothingElseIs() throws Exception {
        HttpResponse<String> config = send(anonymous("acme/ServiceProviderConfig").GET());
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        assertThat(send(anonymous("acme/Schemas").GET()).statusCode()).isEqualTo(200);
        assertThat(send(anonymous("acme/ResourceTypes/User").GET()).statusCode()).isEqualTo(200);
        assertScimError(send(anonymous("acme/Users").GET()), 401, null);
        assertScimError(send(anonymous("acme/Schemas").POST(body("{}"))), 401, null);
    }

    private static HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder request(String token, String path) {
        return anonymous(path).header("Authorization", "Bearer " + token);
    }
}

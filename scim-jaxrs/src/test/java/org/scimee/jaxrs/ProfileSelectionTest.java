package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimError;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;

/** The compatibility profile comes from the credential, else the tenant, else the global setting. */
class ProfileSelectionTest {

    static final String LENIENT = "lenient-token";
    static final String STRICT = "strict-token";
    static final String STRICT_TENANT = "strict-tenant-token";

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .property("scimee.auth.tokens", "lenient,strict,tenanted")
            .property("scimee.auth.token.lenient.sha256", InProcessScimTest.sha256(LENIENT))
            .property("scimee.auth.token.strict.sha256", InProcessScimTest.sha256(STRICT))
            .property("scimee.auth.token.strict.profile", "rfc")
            .property("scimee.auth.token.tenanted.sha256", InProcessScimTest.sha256(STRICT_TENANT))
            .property("scimee.auth.token.tenanted.tenant", "strict-t")
            .property("scimee.tenant.strict-t.profile", "rfc"));

    @Test
    void eachCredentialGetsItsProfile() throws Exception {
        assertThat(patchActiveAsEntraDoes(LENIENT).statusCode()).isEqualTo(200);
        assertScimError(patchActiveAsEntraDoes(STRICT), 400, "invalidSyntax");
        assertScimError(patchActiveAsEntraDoes(STRICT_TENANT), 400, "invalidSyntax");
    }

    /** Capitalised op and a string boolean: fine for the default profile, not for rfc. */
    private static HttpResponse<String> patchActiveAsEntraDoes(String token) throws Exception {
        String id = json(send(request(token, "Users").POST(body("{\"userName\":\"p-" + UUID.randomUUID() + "\"}"))).body()).getString("id");
        return send(request(token, "Users/" + id).method("PATCH", body(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}")));
    }

    private static HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
    }
}

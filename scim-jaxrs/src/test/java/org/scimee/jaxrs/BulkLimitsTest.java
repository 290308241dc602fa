package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimError;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;

/** RFC 7644 §3.7.4: maxOperations and maxPayloadSize are advertised and enforced with 413. */
class BulkLimitsTest {

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .property("scimee.bulk.max-operations", "3")
            .property("scimee.bulk.max-payload-bytes", "2048"));

    @Test
    void limitsAreAdvertisedAndEnforced() throws Exception {
        var bulk = json(send(request("ServiceProviderConfig").GET()).body()).getJsonObject("bulk");
        assertThat(bulk.getInt("maxOperations")).isEqualTo(3);
        assertThat(bulk.getInt("maxPayloadSize")).isEqualTo(2048);

        String op = "{\"method\":\"DELETE\",\"path\":\"/Users/x\"}";
        assertThat(send(request("Bulk").POST(body(bulkOf(op, 3)))).statusCode()).isEqualTo(200);
        assertScimError(send(request("Bulk").POST(body(bulkOf(op, 4)))), 413, null);
        String big = "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":\"" + "x".repeat(3000) + "\"}}";
        assertScimError(send(request("Bulk").POST(body(bulkOf(big, 1)))), 413, null);
    }

    private static String bulkOf(String op, int times) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + String.join(",", java.util.Collections.nCopies(times, op)) + "]}";
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Authorization", "Bearer " + SERVER.token())
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
    }
}

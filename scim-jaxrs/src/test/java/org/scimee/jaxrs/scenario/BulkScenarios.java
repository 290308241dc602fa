package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.7: /Bulk with bulkId references, failOnErrors and limits. */
public interface BulkScenarios extends ScimService {

    String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    @Test
    default void bulkResolvesForwardReferencesAndReportsEachOperation() throws Exception {
        String u = "b-" + UUID.randomUUID();
        // The group comes first and refers to a user created later in the same request.
        HttpResponse<String> response = send(request("Bulk").POST(body("""
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"g1","data":{"displayName":"%s","members":[{"value":"bulkId:u1","type":"User"}]}},
                  {"method":"POST","path":"/Users","bulkId":"u1","data":{"userName":"%s"}},
                  {"method":"POST","path":"/Users","bulkId":"dup","data":{"userName":42}},
                  {"method":"DELETE","path":"/Users/no-such-id"}
                ]}""".formatted(BULK_REQUEST, u, u))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject result = json(response.body());
        assertThat(result.getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
        List<JsonObject> ops = result.getJsonArray("Operations").getValuesAs(JsonObject.class);
        assertThat(ops).extracting(o -> o.getString("status")).containsExactly("201", "201", "400", "404");
        assertThat(ops.get(2).getJsonObject("response").getString("scimType")).isEqualTo("invalidValue");

        String userLocation = ops.get(1).getString("location");
        String userId = userLocation.substring(userLocation.lastIndexOf('/') + 1);
        JsonObject group = json(send(request(java.net.URI.create(ops.get(0).getString("location"))).GET()).body());
        assertThat(group.getJsonArray("members").getJsonObject(0).getString("value")).isEqualTo(userId);
        assertThat(ops.get(0).getString("version")).isEqualTo("W/\"1\"");
    }

    @Test
    default void bulkStopsAfterFailOnErrorsAndRefusesCircles() throws Exception {
        JsonObject stopped = json(send(request("Bulk").POST(body("""
                {"schemas":["%s"],"failOnErrors":1,"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"a","data":{}},
                  {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"never-%s"}}
                ]}""".formatted(BULK_REQUEST, UUID.randomUUID())))).body());
        assertThat(stopped.getJsonArray("Operations")).hasSize(1);

        JsonObject circle = json(send(request("Bulk").POST(body("""
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"x","data":{"displayName":"x","members":[{"value":"bulkId:y"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"y","data":{"displayName":"y","members":[{"value":"bulkId:x"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"z","data":{"displayName":"z","members":[{"value":"bulkId:nowhere"}]}}
                ]}""".formatted(BULK_REQUEST)))).body());
        assertThat(circle.getJsonArray("Operations").getValuesAs(JsonObject.class))
                .extracting(o -> o.getString("status")).containsExactly("409", "409", "400");

        assertScimError(send(request("Bulk").POST(body("{\"Operations\":[]}"))), 400, "invalidSyntax");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/x\"}");
        }
        assertScimError(send(request("Bulk").POST(body("{\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[" + many + "]}"))), 413, null);
    }
}

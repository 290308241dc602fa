package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.5.2 PATCH end to end, in the shapes Microsoft Entra ID and Okta really send, including the requests
 * behind the "Impossible to search on a mono valued attribute" failure that kept users from being deprovisioned.
 */
public interface PatchScenarios extends ScimService {

    String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private HttpRequest.Builder patch(String path, String operations) {
        return request(path).method("PATCH", body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + operations + "}"));
    }

    private JsonObject create(String endpoint, String json) throws Exception {
        HttpResponse<String> created = send(request(endpoint).POST(body(json)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body());
    }

    @Test
    default void entraDeprovisionsAUser() throws Exception {
        JsonObject manager = create("Users", "{\"userName\":\"m-" + UUID.randomUUID() + "\"}");
        JsonObject user = create("Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"e-%s","active":true,
                 "%s":{"manager":{"value":"%s"}}}""".formatted(ENTERPRISE_USER, UUID.randomUUID(), ENTERPRISE_USER, manager.getString("id")));
        String path = "Users/" + user.getString("id");

        // Entra, before aadOptscim062020: capitalised op, boolean as a string.
        HttpResponse<String> disabled = send(patch(path, "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]"));
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled.body()).getBoolean("active")).isFalse();
        assertThat(json(disabled.body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"2\"");

        // The filtered remove on the single-valued manager: once with a match, then again when it is gone.
        String removeManager = "[{\"op\":\"Remove\",\"path\":\"manager[value eq \\\"" + manager.getString("id") + "\\\"]\"}]";
        HttpResponse<String> removed = send(patch(path, removeManager));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed.body())).doesNotContainKey(ENTERPRISE_USER);
        HttpResponse<String> again = send(patch(path, removeManager));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again.body()).getJsonObject("meta").getString("version"))
                .as("a PATCH that changes nothing keeps the version").isEqualTo(json(removed.body()).getJsonObject("meta").getString("version"));

        // The compliant shape, no path.
        HttpResponse<String> enabled = send(patch(path, "[{\"op\":\"replace\",\"value\":{\"active\":true,\"name.givenName\":\"Eve\"}}]"));
        assertThat(json(enabled.body()).getBoolean("active")).isTrue();
        assertThat(json(enabled.body()).getJsonObject("name").getString("givenName")).isEqualTo("Eve");
    }

    @Test
    default void groupMembershipChangesByPatch() throws Exception {
        JsonObject alice = create("Users", "{\"userName\":\"ga-" + UUID.randomUUID() + "\"}");
        JsonObject bob = create("Users", "{\"userName\":\"gb-" + UUID.randomUUID() + "\"}");
        JsonObject group = create("Groups", "{\"displayName\":\"g-" + UUID.randomUUID() + "\"}");
        String path = "Groups/" + group.getString("id");

        // Entra removes a member from a group that has none: must be a quiet success, never "mono valued" 400.
        HttpResponse<String> emptyRemove = send(patch(path, "[{\"op\":\"Remove\",\"path\":\"members[value eq \\\"" + alice.getString("id") + "\\\"]\"}]"));
        assertThat(emptyRemove.statusCode()).as(emptyRemove.body()).isEqualTo(200);

        send(patch(path, "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + alice.getString("id") + "\"},{\"value\":\"" + bob.getString("id") + "\"}]}]"));
        // Okta's shape: remove by a value array.
        HttpResponse<String> removed = send(patch(path, "[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + alice.getString("id") + "\"}]}]"));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed.body()).getJsonArray("members").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("value")).containsExactly(bob.getString("id"));

        HttpResponse<String> renamed = send(patch(path + "?excludedAttributes=members",
                "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"renamed\"}]"));
        assertThat(json(renamed.body())).doesNotContainKey("members");
        assertThat(json(send(request(path).GET()).body()).getJsonArray("members")).hasSize(1);

        HttpResponse<String> emptied = send(patch(path, "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]"));
        assertThat(json(emptied.body())).doesNotContainKey("members");
    }

    @Test
    default void badPatchesAreScimErrorsAndChangeNothing() throws Exception {
        JsonObject user = create("Users", "{\"userName\":\"bp-" + UUID.randomUUID() + "\",\"title\":\"Dr\"}");
        String path = "Users/" + user.getString("id");

        assertScimError(send(patch(path, "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Prof\"},"
                + "{\"op\":\"replace\",\"path\":\"nosuch\",\"value\":1}]")), 400, "invalidPath");
        assertScimError(send(patch(path, "[{\"op\":\"jump\",\"path\":\"title\"}]")), 400, "invalidSyntax");
        assertScimError(send(patch(path, "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"mine\"}]")), 400, "mutability");
        assertScimError(send(patch(path, "[{\"op\":\"remove\",\"path\":\"userName\"}]")), 400, "invalidValue");
        assertScimError(send(patch(path, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]")), 400, "invalidValue");
        assertScimError(send(patch(path, "[]")), 400, "invalidSyntax");
        assertScimError(send(request(path).header("If-Match", "W/\"9\"").method("PATCH", body(
                "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}"))), 412, null);
        assertScimError(send(patch("Users/" + UUID.randomUUID(), "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]")), 404, null);

        JsonObject unchanged = json(send(request(path).GET()).body());
        assertThat(unchanged.getString("title")).isEqualTo("Dr");
        assertThat(unchanged.getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");
    }

    @Test
    default void bulkCarriesPatchesWithBulkIdReferences() throws Exception {
        JsonObject group = create("Groups", "{\"displayName\":\"bp-" + UUID.randomUUID() + "\"}");
        JsonObject result = json(send(request("Bulk").POST(body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                  {"method":"PATCH","path":"/Groups/%s","data":{"schemas":["%s"],"Operations":[
                     {"op":"add","path":"members","value":[{"value":"bulkId:newbie"}]}]}},
                  {"method":"POST","path":"/Users","bulkId":"newbie","data":{"userName":"bn-%s"}}
                ]}""".formatted(group.getString("id"), PATCH_OP, UUID.randomUUID())))).body());
        assertThat(result.getJsonArray("Operations").getValuesAs(JsonObject.class))
                .extracting(o -> o.getString("status")).containsExactly("200", "201");
        String userLocation = result.getJsonArray("Operations").getJsonObject(1).getString("location");
        JsonObject patched = json(send(request("Groups/" + group.getString("id")).GET()).body());
        assertThat(patched.getJsonArray("members").getJsonObject(0).getString("value"))
                .isEqualTo(userLocation.substring(userLocation.lastIndexOf('/') + 1));
    }
}

package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * RFC 7643 §4.1.2: a user's {@code groups} is computed from the groups' {@code members}, directly and through nested
 * groups, is read-only, and cannot be filtered or sorted by.
 */
public interface GroupsScenarios extends ScimService {

    private JsonObject created(String endpoint, String json) throws Exception {
        HttpResponse<String> created = send(request(endpoint).POST(body(json)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body());
    }

    private JsonObject read(String path) throws Exception {
        HttpResponse<String> read = send(request(path).GET());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return json(read.body());
    }

    private HttpResponse<String> patch(String path, String operations) throws Exception {
        return send(request(path).method("PATCH", body(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}")));
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonArray groups(JsonObject user) {
        return user.getJsonArray("groups");
    }

    @Test
    default void aUsersGroupsAreComputedFromGroupMembersDirectAndNested() throws Exception {
        String tag = UUID.randomUUID().toString();
        JsonObject alice = created("Users", "{\"userName\":\"groups-alice-" + tag + "\"}");
        JsonObject loner = created("Users", "{\"userName\":\"groups-loner-" + tag + "\"}");
        String aliceId = alice.getString("id");
        // Team lists alice; Dept lists Team; Org lists Dept and alice; Dept also lists Org, a cycle.
        JsonObject team = created("Groups", """
                {"displayName":"Team %s","members":[{"value":"%s","type":"User"}]}""".formatted(tag, aliceId));
        JsonObject dept = created("Groups", """
                {"displayName":"Dept %s","members":[{"value":"%s","type":"Group"}]}""".formatted(tag, team.getString("id")));
        JsonObject org = created("Groups", """
                {"displayName":"Org %s","members":[{"value":"%s","type":"Group"},{"value":"%s","type":"User"}]}"""
                .formatted(tag, dept.getString("id"), aliceId));
        assertThat(patch("Groups/" + dept.getString("id"), "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + org.getString("id") + "\",\"type\":\"Group\"}]}]").statusCode()).isEqualTo(200);

        JsonObject read = read("Users/" + aliceId);
        assertThat(groups(read).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value"), g -> g.getString("display"), g -> g.getString("type"))
                .containsExactlyInAnyOrder(
                        tuple(team.getString("id"), "Team " + tag, "direct"),
                        tuple(org.getString("id"), "Org " + tag, "direct"),
                        tuple(dept.getString("id"), "Dept " + tag, "indirect"));
        for (JsonObject group : new JsonObject[] {team, dept, org}) {
            JsonObject element = groups(read).getValuesAs(JsonObject.class).stream()
                    .filter(g -> g.getString("value").equals(group.getString("id"))).findFirst().orElseThrow();
            // $ref is rendered like meta.location: the group's absolute URL
            assertThat(element.getString("$ref")).isEqualTo(group.getJsonObject("meta").getString("location"))
                    .endsWith("/Groups/" + group.getString("id"));
        }
        assertThat(read.getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");

        // Projection: excluded, asked for alone, or only its values.
        assertThat(read("Users/" + aliceId + "?excludedAttributes=groups")).doesNotContainKey("groups").containsKey("userName");
        JsonObject only = read("Users/" + aliceId + "?attributes=groups");
        assertThat(only.keySet()).containsExactlyInAnyOrder("schemas", "id", "groups");
        assertThat(groups(only)).hasSize(3);
        JsonObject values = read("Users/" + aliceId + "?attributes=groups.value");
        assertThat(groups(values).getValuesAs(JsonObject.class)).allSatisfy(g -> assertThat(g.keySet()).containsExactly("value"));

        // A user in no group has no groups attribute (unassigned, RFC 7643 §2.5), not an empty one.
        assertThat(read("Users/" + loner.getString("id"))).doesNotContainKey("groups");

        // Lists and searches carry it too.
        JsonObject list = read("Users?filter=" + query("userName eq \"groups-alice-" + tag + "\""));
        assertThat(list.getInt("totalResults")).isEqualTo(1);
        assertThat(groups(list.getJsonArray("Resources").getJsonObject(0))).isEqualTo(groups(read));
        JsonObject searched = json(send(request("Users/.search").POST(body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"userName eq \\"groups-alice-%s\\"","attributes":["groups"]}""".formatted(tag)))).body());
        assertThat(groups(searched.getJsonArray("Resources").getJsonObject(0))).isEqualTo(groups(read));
        JsonObject root = json(send(request(".search").POST(body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"userName eq \\"groups-alice-%s\\""}""".formatted(tag)))).body());
        assertThat(groups(root.getJsonArray("Resources").getJsonObject(0))).isEqualTo(groups(read));

        // It is computed on every read: renaming a group shows at once, and the user's version does not move.
        assertThat(patch("Groups/" + org.getString("id"), "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Org renamed " + tag + "\"}]")
                .statusCode()).isEqualTo(200);
        assertThat(groups(read("Users/" + aliceId)).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("display")).contains("Org renamed " + tag);

        // Membership changes go through the group; removing alice from Team leaves Org (direct) and Dept (via Org).
        HttpResponse<String> removed = patch("Groups/" + team.getString("id"),
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + aliceId + "\\\"]\"}]");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(groups(read("Users/" + aliceId)).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value"), g -> g.getString("type"))
                .containsExactlyInAnyOrder(tuple(org.getString("id"), "direct"), tuple(dept.getString("id"), "indirect"));

        // A PATCH response carries it as well (PUT: see groupsIsReadOnly).
        HttpResponse<String> patchedUser = patch("Users/" + aliceId, "[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]");
        assertThat(patchedUser.statusCode()).as(patchedUser.body()).isEqualTo(200);
        assertThat(groups(json(patchedUser.body()))).hasSize(2);

        assertThat(patch("Groups/" + org.getString("id"), "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + aliceId + "\\\"]\"}]")
                .statusCode()).isEqualTo(200);
        assertThat(read("Users/" + aliceId)).doesNotContainKey("groups");
    }

    /** A page of users gets each user's own groups, though they are looked up for the whole page at once. */
    @Test
    default void eachUserOfAPageGetsItsOwnGroups() throws Exception {
        String tag = UUID.randomUUID().toString();
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = created("Users", "{\"userName\":\"page-" + i + "-" + tag + "\"}").getString("id");
        }
        // A lists users 0 and 1; B lists user 1 and group A; C lists user 2 and group B; user 3 is in no group.
        String a = created("Groups", """
                {"displayName":"A %s","members":[{"value":"%s"},{"value":"%s"}]}""".formatted(tag, ids[0], ids[1]))
                .getString("id");
        String b = created("Groups", """
                {"displayName":"B %s","members":[{"value":"%s"},{"value":"%s","type":"Group"}]}""".formatted(tag, ids[1], a))
                .getString("id");
        String c = created("Groups", """
                {"displayName":"C %s","members":[{"value":"%s"},{"value":"%s","type":"Group"}]}""".formatted(tag, ids[2], b))
                .getString("id");

        JsonObject page = read("Users?sortBy=userName&filter=" + query("userName ew \"-" + tag + "\""));
        assertThat(page.getInt("totalResults")).isEqualTo(4);
        JsonArray users = page.getJsonArray("Resources");
        assertThat(users.getValuesAs(JsonObject.class)).extracting(u -> u.getString("id")).containsExactly(ids);
        assertThat(groups(users.getJsonObject(0)).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value"), g -> g.getString("type"))
                .containsExactlyInAnyOrder(tuple(a, "direct"), tuple(b, "indirect"), tuple(c, "indirect"));
        assertThat(groups(users.getJsonObject(1)).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value"), g -> g.getString("type"))
                .containsExactlyInAnyOrder(tuple(a, "direct"), tuple(b, "direct"), tuple(c, "indirect"));
        assertThat(groups(users.getJsonObject(2)).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value"), g -> g.getString("type"))
                .containsExactly(tuple(c, "direct"));
        assertThat(users.getJsonObject(3)).doesNotContainKey("groups");
        // the page says what each user's own read says
        for (int i = 0; i < ids.length; i++) {
            assertThat(users.getJsonObject(i).get("groups")).isEqualTo(read("Users/" + ids[i]).get("groups"));
        }
    }

    @Test
    default void groupsIsReadOnly() throws Exception {
        String tag = UUID.randomUUID().toString();
        JsonObject other = created("Groups", "{\"displayName\":\"Other " + tag + "\"}");
        String fake = "[{\"value\":\"" + other.getString("id") + "\",\"display\":\"Other\",\"type\":\"direct\"}]";
        // readOnly attributes a client sends are ignored on create and replace (RFC 7643 §2.2).
        JsonObject bob = created("Users", "{\"userName\":\"groups-bob-" + tag + "\",\"groups\":" + fake + "}");
        assertThat(bob).doesNotContainKey("groups");
        String path = "Users/" + bob.getString("id");
        JsonObject group = created("Groups", """
                {"displayName":"Real %s","members":[{"value":"%s"}]}""".formatted(tag, bob.getString("id")));

        HttpResponse<String> replaced = send(request(path).PUT(body(
                "{\"userName\":\"groups-bob-" + tag + "\",\"groups\":" + fake + "}")));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(groups(json(replaced.body())).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value")).containsExactly(group.getString("id"));

        // PATCH naming groups is refused; a path-less value holding it is read like a create body (default profile).
        assertScimError(patch(path, "[{\"op\":\"add\",\"path\":\"groups\",\"value\":" + fake + "}]"), 400, "mutability");
        HttpResponse<String> pathless = patch(path, "[{\"op\":\"replace\",\"value\":{\"groups\":" + fake + ",\"nickName\":\"B\"}}]");
        assertThat(pathless.statusCode()).as(pathless.body()).isEqualTo(200);
        assertThat(groups(json(pathless.body())).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value")).containsExactly(group.getString("id"));
        assertThat(groups(read(path)).getValuesAs(JsonObject.class))
                .extracting(g -> g.getString("value")).containsExactly(group.getString("id"));
    }

    @Test
    default void groupsCannotBeFilteredOrSortedBy() throws Exception {
        HttpResponse<String> filtered = send(request("Users?filter=" + query("groups.value eq \"x\"")).GET());
        assertScimError(filtered, 400, "invalidFilter");
        assertThat(json(filtered.body()).getString("detail")).contains("members.value").contains("/Groups");
        assertScimError(send(request("Users?filter=" + query("userName pr and groups pr")).GET()), 400, "invalidFilter");
        assertScimError(send(request("Users?filter=" + query("not (groups[type eq \"direct\"])")).GET()), 400, "invalidFilter");
        assertScimError(send(request("Users/.search").POST(body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"groups.display co \\"x\\""}"""))),
                400, "invalidFilter");
        assertScimError(send(request(".search").POST(body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"groups.value eq \\"x\\""}"""))),
                400, "invalidFilter");
        // sortBy gets the scimType of every other sortBy that cannot be sorted by
        HttpResponse<String> sorted = send(request("Users?sortBy=groups.display").GET());
        assertScimError(sorted, 400, "invalidPath");
        assertThat(json(sorted.body()).getString("detail")).contains("groups");
        // filtering the groups by their members is the way
        assertThat(send(request("Groups?filter=" + query("members.value eq \"x\"")).GET()).statusCode()).isEqualTo(200);
    }
}

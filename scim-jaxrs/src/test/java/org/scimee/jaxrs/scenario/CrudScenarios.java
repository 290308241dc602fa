package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimJson;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.3, §3.4.1, §3.5.1, §3.6, §3.14: create, read, replace and delete, with versions. */
public interface CrudScenarios extends ScimService {

    String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Test
    default void createsAUserAndReadsItBack() throws Exception {
        String userName = "bjensen-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = send(request("Users").POST(body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},"active":true,
                 "emails":[{"value":"%s","type":"work","primary":true}],"password":"t1meMa$heen"}""".formatted(userName, userName))));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/scim+json"));
        JsonObject user = json(created.body());
        String id = user.getString("id");
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/scim/v2/Users/" + id);
        assertThat(user.getString("userName")).isEqualTo(userName);
        assertThat(user.getJsonObject("name").getString("givenName")).isEqualTo("Barbara");
        JsonObject meta = user.getJsonObject("meta");
        assertThat(meta.getString("resourceType")).isEqualTo("User");
        assertThat(meta.getString("location")).isEqualTo(location);
        assertThat(meta.getString("version")).isEqualTo("W/\"1\"");
        assertThat(Instant.parse(meta.getString("created"))).isEqualTo(Instant.parse(meta.getString("lastModified")));
        assertThat(created.headers().firstValue("ETag")).contains("W/\"1\"");
        assertThat(user).doesNotContainKey("password");
        assertThat(created.body()).doesNotContain("t1meMa$heen");

        HttpResponse<String> read = send(request(URI.create(location)).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/scim+json"));
        assertThat(json(read.body())).isEqualTo(user);

        HttpResponse<String> projected = send(request(URI.create(location + "?attributes=name.givenName")).GET());
        JsonObject partial = json(projected.body());
        assertThat(partial.keySet()).containsExactlyInAnyOrder("schemas", "id", "name");
        assertThat(partial.getJsonObject("name").keySet()).containsExactly("givenName");
    }

    @Test
    default void replacesWithVersionChecksThenDeletes() throws Exception {
        JsonObject user = json(send(request("Users").POST(body("{\"userName\":\"r-" + UUID.randomUUID() + "\",\"title\":\"Dr\"}"))).body());
        String path = "Users/" + user.getString("id");

        HttpResponse<String> notModified = send(request(path).header("If-None-Match", "W/\"1\"").GET());
        assertThat(notModified.statusCode()).isEqualTo(304);

        HttpResponse<String> replaced = send(request(path).header("If-Match", "W/\"1\"")
                .PUT(body("{\"userName\":\"" + user.getString("userName") + "\",\"displayName\":\"Replaced\"}")));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonObject after = json(replaced.body());
        assertThat(after.getString("displayName")).isEqualTo("Replaced");
        assertThat(after).doesNotContainKey("title");
        assertThat(after.getJsonObject("meta").getString("version")).isEqualTo("W/\"2\"");
        assertThat(after.getJsonObject("meta").getString("created")).isEqualTo(user.getJsonObject("meta").getString("created"));

        assertScimError(send(request(path).header("If-Match", "W/\"1\"").PUT(body("{\"userName\":\"stale\"}"))), 412, null);
        assertScimError(send(request(path).header("If-Match", "W/\"1\"").DELETE()), 412, null);
        assertThat(json(send(request(path).GET()).body()).getString("displayName")).isEqualTo("Replaced");

        assertThat(send(request(path).header("If-Match", "W/\"2\"").DELETE()).statusCode()).isEqualTo(204);
        assertScimError(send(request(path).GET()), 404, null);
        assertScimError(send(request(path).DELETE()), 404, null);
        assertScimError(send(request(path).PUT(body("{\"userName\":\"x\"}"))), 404, null);
    }

    @Test
    default void putReplacesEveryAttributeAndKeepsWhatTheServerOwns() throws Exception {
        String userName = "put-" + UUID.randomUUID();
        HttpResponse<String> created = send(request("Users").POST(body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s","title":"Dr",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},"nickName":"Babs",
                 "emails":[{"value":"b@example.com","type":"work"}],
                 "%s":{"employeeNumber":"701984","department":"Tour Operations"}}""".formatted(ENTERPRISE, userName, ENTERPRISE))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject user = json(created.body());
        assertThat(user.getJsonObject(ENTERPRISE).getString("employeeNumber")).isEqualTo("701984");
        String id = user.getString("id");

        // id and meta are readOnly: a client's values are ignored, not applied.
        HttpResponse<String> replaced = send(request("Users/" + id).PUT(body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"someone-else","userName":"%s",
                 "meta":{"version":"W/\\"99\\"","created":"2001-01-01T00:00:00Z"},"displayName":"Barbara J"}""".formatted(userName))));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertScimJson(replaced);
        JsonObject after = json(replaced.body());
        assertThat(after.getString("id")).isEqualTo(id);
        assertThat(after.getString("displayName")).isEqualTo("Barbara J");
        assertThat(after).doesNotContainKeys("title", "name", "nickName", "emails", ENTERPRISE);
        assertThat(after.getJsonArray("schemas").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).doesNotContain(ENTERPRISE);
        JsonObject meta = after.getJsonObject("meta");
        assertThat(meta.getString("version")).isEqualTo("W/\"2\"");
        assertThat(replaced.headers().firstValue("ETag")).contains("W/\"2\"");
        assertThat(meta.getString("created")).isEqualTo(user.getJsonObject("meta").getString("created"));
        assertThat(Instant.parse(meta.getString("lastModified"))).isAfterOrEqualTo(Instant.parse(meta.getString("created")));
        assertThat(meta.getString("location")).endsWith("/scim/v2/Users/" + id);

        HttpResponse<String> read = send(request("Users/" + id).GET());
        assertThat(json(read.body())).isEqualTo(after);
        assertScimError(send(request("Users/someone-else").GET()), 404, null);
    }

    @Test
    default void groupsAreCreatedReplacedAndDeletedLikeUsers() throws Exception {
        String memberId = json(send(request("Users").POST(body("{\"userName\":\"member-" + UUID.randomUUID() + "\"}"))).body()).getString("id");
        String name = "Tour Guides " + UUID.randomUUID();
        HttpResponse<String> created = send(request("Groups").POST(body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
                 "members":[{"value":"%s"}]}""".formatted(name, memberId))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertScimJson(created);
        JsonObject group = json(created.body());
        String id = group.getString("id");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/scim/v2/Groups/" + id));
        assertThat(group.getJsonObject("meta").getString("resourceType")).isEqualTo("Group");
        assertThat(group.getJsonArray("members").getJsonObject(0).getString("value")).isEqualTo(memberId);

        // Replacing the member list replaces elements; it does not change an element's immutable value.
        HttpResponse<String> replaced = send(request("Groups/" + id).header("If-Match", "W/\"1\"")
                .PUT(body("{\"displayName\":\"" + name + " (renamed)\"}")));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonObject after = json(replaced.body());
        assertThat(after.getString("displayName")).isEqualTo(name + " (renamed)");
        assertThat(after).doesNotContainKey("members");
        assertThat(after.getJsonObject("meta").getString("version")).isEqualTo("W/\"2\"");

        assertThat(send(request("Groups/" + id).DELETE()).statusCode()).isEqualTo(204);
        assertScimError(send(request("Groups/" + id).GET()), 404, null);
        assertThat(send(request("Users/" + memberId).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    default void userNameIsUniqueCaseInsensitively() throws Exception {
        String userName = "unique-" + UUID.randomUUID();
        assertThat(send(request("Users").POST(body("{\"userName\":\"" + userName + "\"}"))).statusCode()).isEqualTo(201);
        assertScimError(send(request("Users").POST(body("{\"userName\":\"" + userName + "\"}"))), 409, "uniqueness");
        assertScimError(send(request("Users").POST(body("{\"userName\":\"" + userName.toUpperCase() + "\"}"))), 409, "uniqueness");

        String other = json(send(request("Users").POST(body("{\"userName\":\"other-" + UUID.randomUUID() + "\"}"))).body()).getString("id");
        assertScimError(send(request("Users/" + other).PUT(body("{\"userName\":\"" + userName + "\"}"))), 409, "uniqueness");
    }

    @Test
    default void conditionalGetAnswers304OnlyForTheCurrentVersion() throws Exception {
        String path = "Users/" + json(send(request("Users").POST(body("{\"userName\":\"etag-" + UUID.randomUUID() + "\"}"))).body()).getString("id");

        HttpResponse<String> current = send(request(path).header("If-None-Match", "W/\"1\"").GET());
        assertThat(current.statusCode()).isEqualTo(304);
        assertThat(current.body()).isEmpty();
        assertThat(current.headers().firstValue("ETag")).contains("W/\"1\"");
        assertThat(send(request(path).header("If-None-Match", "*").GET()).statusCode()).isEqualTo(304);
        assertThat(send(request(path).header("If-None-Match", "W/\"7\", W/\"1\"").GET()).statusCode()).isEqualTo(304);

        HttpResponse<String> stale = send(request(path).header("If-None-Match", "W/\"0\"").GET());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("ETag")).contains("W/\"1\"");
        assertThat(json(stale.body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");

        assertThat(send(request(path).PUT(body("{\"userName\":\"etag-" + UUID.randomUUID() + "\"}"))).statusCode()).isEqualTo(200);
        HttpResponse<String> changed = send(request(path).header("If-None-Match", "W/\"1\"").GET());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).contains("W/\"2\"");
    }

    @Test
    default void ifMatchGuardsPutAndDelete() throws Exception {
        String userName = "match-" + UUID.randomUUID();
        String path = "Users/" + json(send(request("Users").POST(body("{\"userName\":\"" + userName + "\"}"))).body()).getString("id");

        assertScimError(send(request(path).header("If-Match", "W/\"2\"").PUT(body("{\"userName\":\"" + userName + "\"}"))), 412, null);
        assertScimError(send(request(path).header("If-Match", "\"not-a-version\"").PUT(body("{\"userName\":\"" + userName + "\"}"))), 412, null);
        assertScimError(send(request(path).header("If-Match", "W/\"2\", W/\"3\"").DELETE()), 412, null);
        assertScimError(send(request(path).header("If-Match", "W/\"0\"").DELETE()), 412, null);
        HttpResponse<String> untouched = send(request(path).GET());
        assertThat(untouched.statusCode()).isEqualTo(200);
        assertThat(json(untouched.body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"1\"");

        HttpResponse<String> anyOf = send(request(path).header("If-Match", "W/\"5\", W/\"1\"").PUT(body("{\"userName\":\"" + userName + "\",\"nickName\":\"a\"}")));
        assertThat(anyOf.statusCode()).as(anyOf.body()).isEqualTo(200);
        HttpResponse<String> star = send(request(path).header("If-Match", "*").PUT(body("{\"userName\":\"" + userName + "\",\"nickName\":\"b\"}")));
        assertThat(star.statusCode()).as(star.body()).isEqualTo(200);
        assertThat(json(star.body()).getJsonObject("meta").getString("version")).isEqualTo("W/\"3\"");

        assertScimError(send(request(path).header("If-Match", "W/\"2\"").DELETE()), 412, null);
        assertThat(send(request(path).header("If-Match", "W/\"3\"").DELETE()).statusCode()).isEqualTo(204);
        assertScimError(send(request(path).header("If-Match", "*").DELETE()), 404, null);
    }

    @Test
    default void passwordIsNeverReturned() throws Exception {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String userName = "pw-" + UUID.randomUUID();
        HttpResponse<String> created = send(request("Users?attributes=password,userName").POST(
                body("{\"userName\":\"" + userName + "\",\"password\":\"" + secret + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created.body())).doesNotContainKey("password").containsKey("userName");
        assertThat(created.body()).doesNotContain(secret);
        String path = "Users/" + json(created.body()).getString("id");

        for (String query : new String[] {"", "?attributes=password", "?attributes=PASSWORD,userName",
                "?attributes=urn:ietf:params:scim:schemas:core:2.0:User:password", "?excludedAttributes=userName"}) {
            HttpResponse<String> read = send(request(path + query).GET());
            assertThat(read.statusCode()).as(query).isEqualTo(200);
            assertThat(json(read.body())).as(query).doesNotContainKey("password");
            assertThat(read.body()).as(query).doesNotContain(secret);
        }

        String newSecret = "n3w-" + UUID.randomUUID();
        HttpResponse<String> replaced = send(request(path).PUT(body("{\"userName\":\"" + userName + "\",\"password\":\"" + newSecret + "\"}")));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced.body())).doesNotContainKey("password");
        assertThat(replaced.body()).doesNotContain(newSecret).doesNotContain(secret);
    }

    @Test
    default void attributesAndExcludedAttributesShapeEveryResponse() throws Exception {
        String userName = "proj-" + UUID.randomUUID();
        HttpResponse<String> created = send(request("Users?attributes=userName").POST(body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s","title":"Dr",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},"displayName":"Babs",
                 "emails":[{"value":"b@example.com","type":"work"}],"%s":{"employeeNumber":"42"}}""".formatted(ENTERPRISE, userName, ENTERPRISE))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject minimal = json(created.body());
        assertThat(minimal.keySet()).containsExactlyInAnyOrder("schemas", "id", "userName");
        String path = "Users/" + minimal.getString("id");

        JsonObject chosen = json(send(request(path + "?attributes=USERNAME,%20emails").GET()).body());
        assertThat(chosen.keySet()).containsExactlyInAnyOrder("schemas", "id", "userName", "emails");

        JsonObject extension = json(send(request(path + "?attributes=" + ENTERPRISE + ":employeeNumber").GET()).body());
        assertThat(extension.keySet()).containsExactlyInAnyOrder("schemas", "id", ENTERPRISE);
        assertThat(extension.getJsonObject(ENTERPRISE).getString("employeeNumber")).isEqualTo("42");

        HttpResponse<String> excludedResponse = send(request(path + "?excludedAttributes=emails,name.familyName,id," + ENTERPRISE).GET());
        assertThat(excludedResponse.headers().firstValue("ETag")).contains("W/\"1\"");
        JsonObject excluded = json(excludedResponse.body());
        assertThat(excluded).containsKeys("schemas", "id", "userName", "title", "displayName", "name", "meta")
                .doesNotContainKeys("emails", ENTERPRISE);
        assertThat(excluded.getJsonObject("name").keySet()).containsExactly("givenName");

        HttpResponse<String> replaced = send(request(path + "?attributes=displayName").PUT(body("{\"userName\":\"" + userName + "\",\"displayName\":\"B\"}")));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced.body()).keySet()).containsExactlyInAnyOrder("schemas", "id", "displayName");

        assertScimError(send(request(path + "?attributes=userName&excludedAttributes=emails").GET()), 400, "invalidValue");
        assertScimError(send(request(path + "?attributes=name.givenName.first").GET()), 400, "invalidPath");
    }
}

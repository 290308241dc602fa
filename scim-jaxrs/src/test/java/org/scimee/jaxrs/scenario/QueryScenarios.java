package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 7644 §3.4.2 and §3.4.3, RFC 9865: filtering, sorting, both paging styles, .search per type and at the root. */
public interface QueryScenarios extends ScimService {

    String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    @Test
    default void filtersSortsAndPagesByIndex() throws Exception {
        String prefix = "q-" + UUID.randomUUID() + "-";
        for (String name : List.of("carol", "alice", "dave", "bob")) {
            assertThat(send(request("Users").POST(body("{\"userName\":\"" + prefix + name + "\",\"title\":\""
                    + (name.length() > 3 ? "long" : "short") + "\"}"))).statusCode()).isEqualTo(201);
        }
        String filter = query("userName sw \"" + prefix.toUpperCase() + "\" and title eq \"long\"");
        JsonObject page = json(send(request("Users?filter=" + filter + "&sortBy=userName&sortOrder=descending&count=2&attributes=userName").GET()).body());
        assertThat(page.getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(page.getInt("totalResults")).isEqualTo(3);
        assertThat(page.getInt("itemsPerPage")).isEqualTo(2);
        assertThat(page.getInt("startIndex")).isEqualTo(1);
        assertThat(userNames(page)).containsExactly(prefix + "dave", prefix + "carol");
        assertThat(page.getJsonArray("Resources").getJsonObject(0).keySet()).containsExactlyInAnyOrder("schemas", "id", "userName");

        JsonObject second = json(send(request("Users?filter=" + filter + "&sortBy=userName&sortOrder=descending&count=2&startIndex=3").GET()).body());
        assertThat(userNames(second)).containsExactly(prefix + "alice");
        assertThat(second.getInt("startIndex")).isEqualTo(3);

        JsonObject countOnly = json(send(request("Users?filter=" + filter + "&count=0").GET()).body());
        assertThat(countOnly.getInt("totalResults")).isEqualTo(3);
        assertThat(countOnly.getJsonArray("Resources")).isEmpty();

        // RFC 7644 §3.4.2.4: startIndex below 1 is 1, a negative count is 0.
        JsonObject normalised = json(send(request("Users?filter=" + filter + "&startIndex=-5&count=-1").GET()).body());
        assertThat(normalised.getInt("startIndex")).isEqualTo(1);
        assertThat(normalised.getJsonArray("Resources")).isEmpty();
    }

    @Test
    default void cursorPagingWalksEveryResultOnce() throws Exception {
        String prefix = "c-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 5; i++) {
            send(request("Users").POST(body("{\"userName\":\"" + prefix + i + "\"}")));
        }
        String filter = query("userName sw \"" + prefix + "\"");
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; pages < 10 && cursor != null; pages++) {
            JsonObject page = json(send(request("Users?filter=" + filter + "&sortBy=userName&count=2&cursor=" + cursor).GET()).body());
            assertThat(page.getInt("totalResults")).isEqualTo(5);
            assertThat(page).doesNotContainKey("startIndex");
            seen.addAll(userNames(page));
            cursor = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
        }
        assertThat(seen).containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4);

        assertScimError(send(request("Users?cursor=not-a-cursor-we-issued").GET()), 400, "invalidCursor");
        assertScimError(send(request("Users?cursor=&startIndex=1").GET()), 400, "invalidValue");
    }

    @Test
    default void searchByPostPerTypeAndAtTheRoot() throws Exception {
        String marker = "s-" + UUID.randomUUID();
        send(request("Users").POST(body("{\"userName\":\"" + marker + "\",\"displayName\":\"" + marker + "\"}")));
        send(request("Groups").POST(body("{\"displayName\":\"" + marker + "\"}")));

        JsonObject users = json(send(request("Users/.search").POST(body("""
                {"schemas":["%s"],"filter":"userName eq \\"%s\\"","attributes":["userName"]}""".formatted(SEARCH_REQUEST, marker)))).body());
        assertThat(users.getInt("totalResults")).isEqualTo(1);

        HttpResponse<String> root = send(request(".search").POST(body("""
                {"schemas":["%s"],"filter":"displayName eq \\"%s\\"","attributes":["displayName"]}""".formatted(SEARCH_REQUEST, marker))));
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        JsonObject mixed = json(root.body());
        assertThat(mixed.getInt("totalResults")).isEqualTo(2);
        assertThat(mixed.getJsonArray("Resources").getValuesAs(JsonObject.class))
                .extracting(r -> r.getJsonArray("schemas").getString(0))
                .containsExactlyInAnyOrder("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group");

        // userName exists only on User: at the root it simply matches no group.
        JsonObject narrowed = json(send(request(".search").POST(body("""
                {"schemas":["%s"],"filter":"userName eq \\"%s\\" or displayName eq \\"%s\\""}""".formatted(SEARCH_REQUEST, marker, marker)))).body());
        assertThat(narrowed.getInt("totalResults")).isEqualTo(2);

        assertScimError(send(request(".search").POST(body("{\"filter\":\"userName pr\"}"))), 400, "invalidSyntax");
        assertScimError(send(request(".search").POST(body("{\"schemas\":[\"" + SEARCH_REQUEST + "\"],\"filter\":\"nosuch eq 1\"}"))), 400, "invalidFilter");
    }

    @Test
    default void badQueriesAreScimErrors() throws Exception {
        HttpResponse<String> syntax = send(request("Users?filter=" + query("userName eq")).GET());
        assertScimError(syntax, 400, "invalidFilter");
        assertThat(json(syntax.body()).getString("detail")).contains("at 11");
        assertScimError(send(request("Users?filter=" + query("nosuch eq \"x\"")).GET()), 400, "invalidFilter");
        assertScimError(send(request("Users?filter=" + query("active gt true")).GET()), 400, "invalidFilter");
        assertScimError(send(request("Users?count=many").GET()), 400, "invalidValue");
        assertScimError(send(request("Users?sortBy=nosuch").GET()), 400, "invalidPath");
        assertScimError(send(request("Users?sortOrder=sideways").GET()), 400, "invalidValue");
        assertScimError(send(request("Users?filter=" + query("(".repeat(300) + "userName pr" + ")".repeat(300))).GET()), 400, "invalidFilter");
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> userNames(JsonObject page) {
        return page.getJsonArray("Resources").getValuesAs(JsonObject.class).stream().map(r -> r.getString("userName")).toList();
    }
}

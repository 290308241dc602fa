package org.scimee.example;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton, black-box over HTTP against the packaged WAR on a real server. Each server has a
 * subclass, run by its own failsafe execution.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class ScimSliceScenarios {

    private static final String TOKEN = System.getProperty("it.token");
    // HTTP/1.1: the client's HTTP/2 upgrade attempt is known to make some servers drop headers.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/scim-ee-example.war"));
    }

    @Test
    void createsAUserAndReadsItBack() throws Exception {
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

        HttpResponse<String> read = send(HttpRequest.newBuilder(localhost(URI.create(location)))
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/scim+json"));
        assertThat(json(read.body())).isEqualTo(user);

        HttpResponse<String> projected = send(HttpRequest.newBuilder(localhost(URI.create(location + "?attributes=name.givenName")))
                .header("Authorization", "Bearer " + TOKEN).GET());
        JsonObject partial = json(projected.body());
        assertThat(partial.keySet()).containsExactlyInAnyOrder("schemas", "id", "name");
        assertThat(partial.getJsonObject("name").keySet()).containsExactly("givenName");
    }

    @Test
    void replacesWithVersionChecksThenDeletes() throws Exception {
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
    void discoveryServesTheRegisteredSchemasAndResourceTypes() throws Exception {
        JsonObject types = json(send(request("ResourceTypes").GET()).body());
        assertThat(types.getInt("totalResults")).isEqualTo(2);
        JsonObject user = json(send(request("ResourceTypes/User").GET()).body());
        assertThat(user.getString("endpoint")).isEqualTo("/Users");
        assertThat(user.getJsonObject("meta").getString("location")).endsWith("/scim/v2/ResourceTypes/User");

        JsonObject schema = json(send(request("Schemas/urn:ietf:params:scim:schemas:core:2.0:User").GET()).body());
        assertThat(schema.getJsonArray("attributes").getValuesAs(JsonObject.class))
                .anySatisfy(a -> assertThat(a.getString("name")).isEqualTo("userName"));
        assertThat(json(send(request("Schemas").GET()).body()).getInt("totalResults")).isGreaterThanOrEqualTo(3);
        assertScimError(send(request("Schemas?filter=id%20pr").GET()), 403, null);
        assertScimError(send(request("ResourceTypes/Nope").GET()), 404, null);
    }

    @Test
    void unknownIdIsA404ScimError() throws Exception {
        HttpResponse<String> response = send(request("Users/" + UUID.randomUUID()).GET());
        assertScimError(response, 404, null);
    }

    @Test
    void unknownEndpointIsA404ScimError() throws Exception {
        assertScimError(send(request("Gadgets/1").GET()), 404, null);
    }

    @Test
    void requestsWithoutTheTokenAreRefused() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(base().resolve("Users")).POST(body("{\"userName\":\"x\"}"))
                .header("Content-Type", "application/scim+json"));
        assertScimError(none, 401, null);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(base().resolve("ServiceProviderConfig"))
                .header("Authorization", "Bearer not-" + TOKEN).GET());
        assertScimError(wrong, 401, null);
        assertThat(wrong.body()).doesNotContain(TOKEN);
    }

    @Test
    void badBodiesAre400ScimErrors() throws Exception {
        assertScimError(send(request("Users").POST(body("{\"userName\": "))), 400, "invalidSyntax");
        assertScimError(send(request("Users").POST(body("[{\"userName\":\"x\"}]"))), 400, "invalidSyntax");
        assertScimError(send(request("Users").POST(body("{\"displayName\":\"No Name\"}"))), 400, "invalidValue");
        assertScimError(send(request("Users").POST(body("{\"userName\":\"x\",\"active\":\"maybe\"}"))), 400, "invalidValue");
    }

    @Test
    void serviceProviderConfigDescribesTheServer() throws Exception {
        HttpResponse<String> response = send(request("ServiceProviderConfig").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject config = json(response.body());
        assertThat(config.getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        assertThat(config.getJsonArray("authenticationSchemes").getJsonObject(0).getString("type")).isEqualTo("oauthbearertoken");
        assertThat(config.getJsonObject("patch").getBoolean("supported")).isFalse();
    }

    private URI base() throws Exception {
        return localhost(deployment.toURI()).resolve("scim/v2/");
    }

    // Adapters may hand back the machine's external address; the server listens on loopback too, and tests
    // send traffic to loopback only.
    private static URI localhost(URI uri) throws Exception {
        return new URI(uri.getScheme(), uri.getUserInfo(), "127.0.0.1", uri.getPort(), uri.getPath(), uri.getQuery(), null);
    }

    private HttpRequest.Builder request(String path) throws Exception {
        return HttpRequest.newBuilder(base().resolve(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/scim+json")
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertScimError(HttpResponse<String> response, int status, String scimType) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/scim+json"));
        JsonObject error = json(response.body());
        assertThat(error.getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.getString("status")).isEqualTo(Integer.toString(status));
        if (scimType != null) {
            assertThat(error.getString("scimType")).isEqualTo(scimType);
        }
        assertThat(error.getString("detail", "")).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

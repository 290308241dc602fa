package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP client and JSON helpers the scenarios share. */
public final class ScimHttp {

    /** RFC 7644 §3.12. */
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    // HTTP/1.1: the client's HTTP/2 upgrade attempt is known to make some servers (Grizzly) drop headers.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private ScimHttp() {
    }

    public static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    /** Sends the request, which must go to a loopback address: scenarios never talk to anything else. */
    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        if (!isLoopback(built.uri())) {
            throw new IllegalArgumentException("scenarios only talk to loopback, not " + built.uri());
        }
        return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    }

    public static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /**
     * The same URL on 127.0.0.1. Arquillian adapters may hand back the machine's external address; the servers
     * listen on loopback too, and tests send traffic to loopback only.
     */
    public static URI loopback(URI uri) {
        if (isLoopback(uri)) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), "127.0.0.1", uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(uri.toString(), e);
        }
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: no name is looked up.
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.startsWith("[")) {
            try {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The content type of a SCIM answer. */
    public static void assertScimJson(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .as("Content-Type of %s %s", response.request().method(), response.uri())
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/scim+json"));
    }

    /** See {@link ScimService#assertScimError}, which also checks that the token is not echoed. */
    public static void assertScimError(HttpResponse<String> response, int status, String scimType) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        assertScimJson(response);
        JsonObject error = json(response.body());
        assertThat(error.getJsonArray("schemas").getString(0)).isEqualTo(ERROR_SCHEMA);
        assertThat(error.getString("status")).isEqualTo(Integer.toString(status));
        if (scimType != null) {
            assertThat(error.getString("scimType")).isEqualTo(scimType);
        } else {
            // RFC 7644 Table 9 names keywords for 400, 403 (sensitive) and 409 (uniqueness) only.
            assertThat(error).as("no scimType for %d", status).doesNotContainKey("scimType");
        }
        assertThat(error.getString("detail", "")).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\\tat ");
    }
}

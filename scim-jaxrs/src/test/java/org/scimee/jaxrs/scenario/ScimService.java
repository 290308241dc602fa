package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The SCIM service a scenario talks to, black-box over HTTP: a runner (in-process, Payara, WildFly, ...) says where
 * it is and which bearer token it accepts; the scenario interfaces ({@link ScimScenarios}) bring the tests.
 *
 * <p>The requests built here go to {@link #base()} only, which must be a loopback address.
 */
public interface ScimService {

    /** The SCIM base URL, ending in {@code /scim/v2/}, on a loopback address. */
    URI base();

    /** The bearer token the service accepts. */
    String token();

    /**
     * A second token the service accepts, bound to another tenant than {@link #token()} (configured as a SHA-256
     * digest: {@code scimee.auth.tokens}, {@code scimee.auth.token.<name>.sha256} and {@code .tenant}).
     */
    default String otherTenantToken() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " runs tenant scenarios but names no second token");
    }

    /**
     * The service's {@code scimee.request.max-bytes}: bodies up to this size are read, one byte more is a 413.
     */
    int maxRequestBytes();

    /** A request to {@code path} (relative to {@link #base()}) with the token and {@code application/scim+json}. */
    default HttpRequest.Builder request(String path) {
        return request(base().resolve(path));
    }

    /** A request to an absolute URL the service handed out (e.g. a {@code Location}), sent to loopback. */
    default HttpRequest.Builder request(URI uri) {
        return anonymous(uri).header("Authorization", "Bearer " + token());
    }

    /** A request to {@code path} with {@link #otherTenantToken()}. */
    default HttpRequest.Builder otherTenantRequest(String path) {
        return anonymous(base().resolve(path)).header("Authorization", "Bearer " + otherTenantToken());
    }

    /** A request to {@code path} without any {@code Authorization} header. */
    default HttpRequest.Builder anonymous(String path) {
        return anonymous(base().resolve(path));
    }

    private HttpRequest.Builder anonymous(URI uri) {
        return HttpRequest.newBuilder(ScimHttp.loopback(uri))
                .header("Content-Type", "application/scim+json")
                .timeout(Duration.ofSeconds(30));
    }

    /**
     * A SCIM error response (RFC 7644 §3.12): the status, {@code application/scim+json}, the error schema,
     * {@code status} as a string, the {@code scimType} (null: the body has none), and nothing a client must
     * not see: no stack trace, no exception class names, not the token.
     */
    default void assertScimError(HttpResponse<String> response, int status, String scimType) {
        ScimHttp.assertScimError(response, status, scimType);
        assertThat(response.body()).as("the error body must not echo the token").doesNotContain(token());
    }
}

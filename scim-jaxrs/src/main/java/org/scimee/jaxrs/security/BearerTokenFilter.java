package org.scimee.jaxrs.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.scimee.error.UnauthorizedException;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ScimSettings;

/**
 * RFC 7644 §2: every request must carry {@code Authorization: Bearer <token>} matching the configured token.
 *
 * <p>Runs before resource matching, so an unauthenticated caller learns nothing about which paths exist.
 * With no token configured nothing is open. Tokens are compared as SHA-256 digests with a constant-time
 * comparison, and never logged or echoed.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private ScimSettings settings;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public BearerTokenFilter() {
    }

    @Inject
    public BearerTokenFilter(ScimSettings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> expected = settings.bearerToken();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String detail;
        if (expected.isEmpty()) {
            detail = "authentication is not configured on this server, so no request is accepted";
        } else if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            detail = "a bearer token is required (Authorization: Bearer <token>)";
        } else if (!sameToken(header.substring(SCHEME.length()).trim(), expected.get())) {
            detail = "the bearer token is not valid";
        } else {
            return;
        }
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"")
                .type(ScimMediaType.APPLICATION_SCIM_JSON_TYPE)
                .entity(new UnauthorizedException(detail).toJson().toString())
                .build());
    }

    private static boolean sameToken(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package org.scimee.jaxrs.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The service's settings, read through MicroProfile Config (system properties, environment variables such as
 * {@code SCIMEE_AUTH_BEARER_TOKEN}, {@code microprofile-config.properties}, or the server's own sources).
 */
@ApplicationScoped
public class ScimSettings {

    /** The bearer token clients must present. Unset means no client is let in. */
    public static final String BEARER_TOKEN = "scimee.auth.bearer-token";
    /** The largest request body accepted, in bytes; larger ones get 413. */
    public static final String MAX_REQUEST_BYTES = "scimee.request.max-bytes";

    /** The tenant every request runs for, until a tenant resolver is configured. */
    public static final String TENANT = "scimee.tenant";

    static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    private Config config;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public ScimSettings() {
    }

    @Inject
    public ScimSettings(Config config) {
        this.config = config;
    }

    /** The configured bearer token, if any. Never log it. */
    public Optional<String> bearerToken() {
        return config.getOptionalValue(BEARER_TOKEN, String.class).filter(token -> !token.isBlank());
    }

    public String tenant() {
        return config.getOptionalValue(TENANT, String.class).orElse("default");
    }

    public int maxRequestBytes() {
        return config.getOptionalValue(MAX_REQUEST_BYTES, Integer.class).orElse(DEFAULT_MAX_REQUEST_BYTES);
    }
}

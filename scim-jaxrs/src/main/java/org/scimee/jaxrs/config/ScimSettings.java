package org.scimee.jaxrs.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.scimee.filter.FilterLimits;

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

    /** Page size when a list request gives no {@code count}. */
    public static final String DEFAULT_PAGE_SIZE = "scimee.paging.default-size";
    /** Largest page served; larger {@code count}s are lowered to it (RFC 7644 §3.4.2.4). */
    public static final String MAX_PAGE_SIZE = "scimee.paging.max-size";
    /** Longest filter accepted, in characters. */
    public static final String FILTER_MAX_LENGTH = "scimee.filter.max-length";
    /** Deepest nesting of parentheses, {@code not} and value filters accepted in a filter. */
    public static final String FILTER_MAX_DEPTH = "scimee.filter.max-depth";

    /** {@code token} (built-in bearer tokens, the default) or {@code container} (the application authenticates). */
    public static final String AUTH_MODE = "scimee.auth.mode";
    /** In {@code container} mode: the role a caller must hold. */
    public static final String AUTH_ROLE = "scimee.auth.role";
    /** Names of the configured tokens, comma-separated; each is described by {@value #TOKEN_PREFIX}{@code <name>.*}. */
    public static final String TOKENS = "scimee.auth.tokens";
    /** Prefix of a token's keys: {@code .sha256} (hex digest, required), {@code .tenant}, {@code .profile}. */
    public static final String TOKEN_PREFIX = "scimee.auth.token.";
    /** Prefix of per-tenant keys, e.g. {@code scimee.tenant.acme.profile}. */
    public static final String TENANT_PREFIX = "scimee.tenant.";
    /** The compatibility profile requests run with unless their credential or tenant names another. */
    public static final String PROFILE = "scimee.patch.profile";

    /** Most operations in one bulk request (RFC 7644 §3.7.4 {@code maxOperations}). */
    public static final String BULK_MAX_OPERATIONS = "scimee.bulk.max-operations";
    /** Largest bulk request body in bytes (RFC 7644 §3.7.4 {@code maxPayloadSize}). */
    public static final String BULK_MAX_PAYLOAD_BYTES = "scimee.bulk.max-payload-bytes";

    /** {@code resource} (200 with the patched resource, the default) or {@code no-content} (204) for PATCH. */
    public static final String PATCH_RESPONSE = "scimee.patch.response";

    /** Whether {@code Forwarded} / {@code X-Forwarded-*} headers (set by a trusted proxy) shape the URLs handed out. */
    public static final String TRUST_FORWARDED_HEADERS = "scimee.http.trust-forwarded-headers";

    /** Whether the first path segment after the base URL names the tenant ({@code /scim/v2/acme/Users}). */
    public static final String TENANT_FROM_PATH = "scimee.tenant.from-path";
    /** Whether /ServiceProviderConfig, /ResourceTypes and /Schemas answer GETs without credentials. */
    public static final String PUBLIC_DISCOVERY = "scimee.auth.public-discovery";

    /** The tenant of requests whose credential is bound to none (and of container-authenticated callers). */
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

    public boolean containerAuthentication() {
        String mode = config.getOptionalValue(AUTH_MODE, String.class).orElse("token").trim();
        if (!mode.equalsIgnoreCase("token") && !mode.equalsIgnoreCase("container")) {
            throw new IllegalStateException(AUTH_MODE + " must be 'token' or 'container', not '" + mode + "'");
        }
        return mode.equalsIgnoreCase("container");
    }

    public String requiredRole() {
        return config.getOptionalValue(AUTH_ROLE, String.class).orElse("scim");
    }

    public List<String> tokenNames() {
        return config.getOptionalValues(TOKENS, String.class).orElse(List.of()).stream()
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    public Optional<String> tokenDigest(String name) {
        return config.getOptionalValue(TOKEN_PREFIX + name + ".sha256", String.class);
    }

    public String tokenTenant(String name) {
        return config.getOptionalValue(TOKEN_PREFIX + name + ".tenant", String.class).orElse(tenant());
    }

    /** The profile a token is bound to, if its configuration names one. */
    public Optional<String> tokenProfile(String name) {
        return config.getOptionalValue(TOKEN_PREFIX + name + ".profile", String.class).map(String::trim);
    }

    /** The profile of a tenant's requests ({@value #TENANT_PREFIX}{@code <tenant>.profile}), if configured. */
    public Optional<String> tenantProfile(String tenant) {
        return config.getOptionalValue(TENANT_PREFIX + tenant + ".profile", String.class).map(String::trim);
    }

    public boolean patchAnswersNoContent() {
        String mode = config.getOptionalValue(PATCH_RESPONSE, String.class).orElse("resource").trim();
        if (!mode.equalsIgnoreCase("resource") && !mode.equalsIgnoreCase("no-content")) {
            throw new IllegalStateException(PATCH_RESPONSE + " must be 'resource' or 'no-content', not '" + mode + "'");
        }
        return mode.equalsIgnoreCase("no-content");
    }

    public boolean tenantFromPath() {
        return config.getOptionalValue(TENANT_FROM_PATH, Boolean.class).orElse(false);
    }

    public boolean publicDiscovery() {
        return config.getOptionalValue(PUBLIC_DISCOVERY, Boolean.class).orElse(false);
    }

    public boolean trustForwardedHeaders() {
        return config.getOptionalValue(TRUST_FORWARDED_HEADERS, Boolean.class).orElse(false);
    }

    public String profile() {
        return config.getOptionalValue(PROFILE, String.class).orElse("default");
    }

    public String tenant() {
        return config.getOptionalValue(TENANT, String.class).orElse("default");
    }

    public int defaultPageSize() {
        return Math.min(config.getOptionalValue(DEFAULT_PAGE_SIZE, Integer.class).orElse(100), maxPageSize());
    }

    public int maxPageSize() {
        return config.getOptionalValue(MAX_PAGE_SIZE, Integer.class).orElse(1000);
    }

    public FilterLimits filterLimits() {
        return new FilterLimits(
                config.getOptionalValue(FILTER_MAX_LENGTH, Integer.class).orElse(FilterLimits.DEFAULT.maxLength()),
                config.getOptionalValue(FILTER_MAX_DEPTH, Integer.class).orElse(FilterLimits.DEFAULT.maxDepth()));
    }

    public int bulkMaxOperations() {
        return config.getOptionalValue(BULK_MAX_OPERATIONS, Integer.class).orElse(1000);
    }

    public int bulkMaxPayloadBytes() {
        return config.getOptionalValue(BULK_MAX_PAYLOAD_BYTES, Integer.class).orElse(4 * 1024 * 1024);
    }

    public int maxRequestBytes() {
        return config.getOptionalValue(MAX_REQUEST_BYTES, Integer.class).orElse(DEFAULT_MAX_REQUEST_BYTES);
    }
}

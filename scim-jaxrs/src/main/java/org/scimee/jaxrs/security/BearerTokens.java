package org.scimee.jaxrs.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.patch.CompatibilityProfile;
import org.scimee.security.Caller;

/**
 * The bearer tokens the service accepts, each bound to a tenant and a compatibility profile.
 *
 * <p>Configured tokens are stored as SHA-256 digests ({@value ScimSettings#TOKEN_PREFIX}{@code <name>.sha256}), so
 * the configuration holds no usable secret; the single plain {@value ScimSettings#BEARER_TOKEN} is for development.
 * A presented token is hashed once and compared with every digest in constant time, without stopping at the first
 * match, so timing tells nothing about which token was close.
 */
@ApplicationScoped
public class BearerTokens {

    /** {@code profile} is null when the token's configuration names none. */
    private record Entry(String name, byte[] digest, String tenant, String profile) {
    }

    private List<Entry> entries;

    /** For CDI proxies. */
    public BearerTokens() {
    }

    @Inject
    public BearerTokens(ScimSettings settings) {
        List<Entry> list = new ArrayList<>();
        settings.bearerToken().ifPresent(token -> list.add(
                new Entry("bearer-token", sha256(token), settings.tenant(), null)));
        for (String name : settings.tokenNames()) {
            byte[] digest = settings.tokenDigest(name).map(BearerTokens::hex).orElseThrow(() -> new IllegalStateException(
                    "token '" + name + "' is listed in " + ScimSettings.TOKENS + " but has no "
                            + ScimSettings.TOKEN_PREFIX + name + ".sha256"));
            list.add(new Entry(name, digest, settings.tokenTenant(name), settings.tokenProfile(name).orElse(null)));
        }
        // An unknown profile name is a configuration error: fail at start-up, not on the first PATCH.
        list.stream().filter(entry -> entry.profile() != null).forEach(entry -> CompatibilityProfile.named(entry.profile()));
        CompatibilityProfile.named(settings.profile());
        this.entries = List.copyOf(list);
    }

    /** Whether any token is configured at all. */
    public boolean configured() {
        return !entries.isEmpty();
    }

    /**
     * The caller a presented token identifies, if it is one of ours; its profile is null unless the token is bound to
     * one (the tenant's or the global profile applies then).
     */
    public Optional<Caller> caller(String presented) {
        byte[] digest = sha256(presented);
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(e -> new Caller(e.name(), e.tenant(), e.profile()));
    }

    private static byte[] hex(String text) {
        try {
            byte[] digest = HexFormat.of().parseHex(text.trim());
            if (digest.length != 32) {
                throw new IllegalArgumentException("not 32 bytes");
            }
            return digest;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a token digest must be 64 hexadecimal digits (SHA-256)", e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

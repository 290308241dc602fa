package org.scimee.jaxrs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimScenarios;

/** Every shared scenario against the endpoints on Jersey, Weld SE and SmallRye Config in this JVM. */
class InProcessScimTest implements ScimScenarios {

    static final int MAX_REQUEST_BYTES = 4096;
    static final String OTHER_TENANT_TOKEN = "in-process-other-tenant-token";

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .maxRequestBytes(MAX_REQUEST_BYTES)
            .property("scimee.auth.tokens", "other")
            .property("scimee.auth.token.other.sha256", sha256(OTHER_TENANT_TOKEN))
            .property("scimee.auth.token.other.tenant", "other-tenant"));

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String otherTenantToken() {
        return OTHER_TENANT_TOKEN;
    }

    @Override
    public URI base() {
        return SERVER.base();
    }

    @Override
    public String token() {
        return SERVER.token();
    }

    @Override
    public int maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }
}

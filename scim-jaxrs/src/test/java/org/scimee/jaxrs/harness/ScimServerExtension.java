package org.scimee.jaxrs.harness;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link ScimTestServer} before the first test of a class and stops it after the last. Register it on a
 * static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder().randomBearerToken());
 * }</pre>
 */
public final class ScimServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final ScimTestServer server;

    public ScimServerExtension(ScimTestServer.Builder builder) {
        this.server = builder.build();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public ScimTestServer server() {
        return server;
    }

    /** The SCIM base URL, ending in {@code /scim/v2/}. */
    public URI base() {
        return server.base();
    }

    public String token() {
        return server.token();
    }
}

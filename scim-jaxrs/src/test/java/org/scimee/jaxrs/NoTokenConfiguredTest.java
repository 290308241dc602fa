package org.scimee.jaxrs;

import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;

/** {@code scimee.auth.bearer-token} not set at all. */
class NoTokenConfiguredTest extends UnconfiguredTokenScenarios {

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder());

    @Override
    public URI base() {
        return SERVER.base();
    }
}

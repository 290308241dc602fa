package org.scimee.jaxrs;

import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;

/** {@code scimee.auth.bearer-token} set to blanks: as good as unset, so a blank bearer token does not get in. */
class BlankTokenConfiguredTest extends UnconfiguredTokenScenarios {

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder().bearerToken("   "));

    @Override
    public URI base() {
        return SERVER.base();
    }
}

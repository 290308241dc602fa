package org.scimee.jaxrs;

import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimScenarios;

/** Every shared scenario against the endpoints on Jersey, Weld SE and SmallRye Config in this JVM. */
class InProcessScimTest implements ScimScenarios {

    static final int MAX_REQUEST_BYTES = 4096;

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .maxRequestBytes(MAX_REQUEST_BYTES));

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

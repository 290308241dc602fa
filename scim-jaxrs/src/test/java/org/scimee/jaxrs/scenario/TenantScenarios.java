package org.scimee.jaxrs.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each token is bound to a tenant; a tenant never sees, changes or collides with another tenant's resources. */
public interface TenantScenarios extends ScimService {

    @Test
    default void tenantsAreIsolated() throws Exception {
        String userName = "t-" + UUID.randomUUID();
        JsonObject mine = json(send(request("Users").POST(body("{\"userName\":\"" + userName + "\"}"))).body());
        String path = "Users/" + mine.getString("id");

        assertScimError(send(otherTenantRequest(path).GET()), 404, null);
        assertScimError(send(otherTenantRequest(path).PUT(body("{\"userName\":\"stolen\"}"))), 404, null);
        assertScimError(send(otherTenantRequest(path).DELETE()), 404, null);
        String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(json(send(otherTenantRequest("Users?filter=" + filter).GET()).body()).getInt("totalResults")).isZero();

        // Uniqueness is per tenant: the other tenant may use the same userName.
        assertThat(send(otherTenantRequest("Users").POST(body("{\"userName\":\"" + userName + "\"}"))).statusCode()).isEqualTo(201);
        assertThat(send(request(path).GET()).statusCode()).isEqualTo(200);
    }
}

package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimError;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.error.ForbiddenException;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;
import org.scimee.security.Authorizer;
import org.scimee.security.Caller;
import org.scimee.security.TenantResolver;

/** An application's {@link TenantResolver} and {@link Authorizer} beans take part in every request. */
class ApplicationPolicyTest {

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .property("scimee.auth.mode", "container")
            .property("scimee.auth.role", "scim")
            .providerClass(ContainerSecurityTest.StandInContainerSecurity.class)
            .beanClass(TenantFromPrincipal.class)
            .beanClass(ReadersOnlyRead.class));

    @Test
    void theApplicationPicksTheTenantFromThePrincipal() throws Exception {
        JsonObject created = json(send(as("alice@acme", "Users").POST(body("{\"userName\":\"p-" + UUID.randomUUID() + "\"}"))).body());
        String path = "Users/" + created.getString("id");
        assertThat(send(as("bob@acme", path).GET()).statusCode()).isEqualTo(200);
        assertScimError(send(as("carol@globex", path).GET()), 404, null);
        assertScimError(send(as("nobody", path).GET()), 403, null);
    }

    @Test
    void theApplicationMayRefuseOperations() throws Exception {
        JsonObject created = json(send(as("alice@acme", "Users").POST(body("{\"userName\":\"r-" + UUID.randomUUID() + "\"}"))).body());
        String path = "Users/" + created.getString("id");
        assertThat(send(as("reader@acme", path).GET()).statusCode()).isEqualTo(200);
        assertThat(send(as("reader@acme", "Users").GET()).statusCode()).isEqualTo(200);
        assertScimError(send(as("reader@acme", path).DELETE()), 403, null);
        assertScimError(send(as("reader@acme", "Users").POST(body("{\"userName\":\"x-" + UUID.randomUUID() + "\"}"))), 403, null);
        assertThat(send(as("alice@acme", path).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void aUsersGroupsAreLeftOutForCallersWhoMayNotQueryGroups() throws Exception {
        String userId = json(send(as("alice@acme", "Users").POST(body("{\"userName\":\"g-" + UUID.randomUUID() + "\"}"))).body()).getString("id");
        HttpResponse<String> group = send(as("alice@acme", "Groups").POST(body("{\"displayName\":\"G\",\"members\":[{\"value\":\"" + userId + "\"}]}")));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);

        assertThat(json(send(as("alice@acme", "Users/" + userId).GET()).body()).getJsonArray("groups")).hasSize(1);
        HttpResponse<String> usersOnly = send(as("usersonly@acme", "Users/" + userId).GET());
        assertThat(usersOnly.statusCode()).as(usersOnly.body()).isEqualTo(200);
        assertThat(json(usersOnly.body())).doesNotContainKey("groups").containsKey("userName");
        assertScimError(send(as("usersonly@acme", "Groups").GET()), 403, null);
    }

    private static HttpRequest.Builder as(String user, String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30))
                .header("X-Test-User", user + ":scim");
    }

    /** The part after {@code @} is the tenant; no {@code @}, no tenant. */
    @ApplicationScoped
    public static class TenantFromPrincipal implements TenantResolver {
        @Override
        public String tenant(Caller caller) {
            int at = caller.name().indexOf('@');
            return at < 0 ? null : caller.name().substring(at + 1);
        }
    }

    /** Principals named {@code reader@...} may only read; those named {@code usersonly@...} may not touch groups. */
    @ApplicationScoped
    public static class ReadersOnlyRead implements Authorizer {
        @Override
        public void authorize(Caller caller, Action action, String resourceType, String id) {
            if (caller.name().startsWith("reader@") && !Set.of(Action.READ, Action.QUERY).contains(action)) {
                throw new ForbiddenException("readers may only read");
            }
            if (caller.name().startsWith("usersonly@") && resourceType.equals("Group")) {
                throw new ForbiddenException("groups are not for this caller");
            }
        }
    }
}

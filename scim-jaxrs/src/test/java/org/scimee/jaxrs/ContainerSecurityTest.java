package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimError;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;
import org.scimee.security.Caller;
import org.scimee.security.MeResolver;

/**
 * {@code scimee.auth.mode=container}: the application's own security authenticates (here a stand-in filter that
 * trusts an {@code X-Test-User} header, running before ours), and the SCIM service demands a role. Also {@code /Me}
 * through an application's {@link MeResolver}.
 */
class ContainerSecurityTest {

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .property("scimee.auth.mode", "container")
            .property("scimee.auth.role", "provisioner")
            .providerClass(StandInContainerSecurity.class)
            .beanClass(ByUserName.class));

    static final AtomicReference<String> ME = new AtomicReference<>();

    @Test
    void theContainerAuthenticatesAndTheRoleIsRequired() throws Exception {
        assertScimError(send(as(null, "Users").GET()), 401, null);
        assertScimError(send(as("mallory:reader", "Users").GET()), 403, null);
        HttpResponse<String> allowed = send(as("alice:provisioner", "Users").GET());
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void meIsTheCallersOwnResource() throws Exception {
        String userName = "me-" + UUID.randomUUID();
        JsonObject user = json(send(as("alice:provisioner", "Users").POST(body("{\"userName\":\"" + userName + "\"}"))).body());
        ME.set(user.getString("id"));

        HttpResponse<String> me = send(as(userName + ":provisioner", "Me").GET());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me.body()).getString("id")).isEqualTo(user.getString("id"));
        assertThat(json(me.body()).getJsonObject("meta").getString("location")).endsWith("/Users/" + user.getString("id"));
        assertThat(json(me.body())).doesNotContainKey("groups");

        // /Me answers like /Users/{id}: with the groups the user is in
        String groupId = json(send(as("alice:provisioner", "Groups").POST(body(
                "{\"displayName\":\"Mine\",\"members\":[{\"value\":\"" + user.getString("id") + "\"}]}"))).body()).getString("id");
        JsonObject withGroups = json(send(as(userName + ":provisioner", "Me").GET()).body());
        assertThat(withGroups.getJsonArray("groups").getJsonObject(0).getString("value")).isEqualTo(groupId);
        assertThat(withGroups.getJsonArray("groups").getJsonObject(0).getString("$ref")).endsWith("/Groups/" + groupId);

        assertScimError(send(as("stranger:provisioner", "Me").GET()), 404, null);
    }

    private static HttpRequest.Builder as(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
        return user == null ? request : request.header("X-Test-User", user);
    }

    /** Stands in for Jakarta Security: {@code X-Test-User: name:role1,role2}. */
    @PreMatching
    @Priority(100)
    public static class StandInContainerSecurity implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String header = request.getHeaderString("X-Test-User");
            if (header == null) {
                return;
            }
            String[] parts = header.split(":", 2);
            Set<String> roles = Set.copyOf(Arrays.asList(parts[1].split(",")));
            Principal principal = () -> parts[0];
            request.setSecurityContext(new SecurityContext() {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return roles.contains(role);
                }

                @Override
                public boolean isSecure() {
                    return false;
                }

                @Override
                public String getAuthenticationScheme() {
                    return "TEST";
                }
            });
        }
    }

    /** The application's /Me mapping: here, the last user the test created, for the caller named like its userName. */
    @ApplicationScoped
    public static class ByUserName implements MeResolver {
        @Override
        public Optional<Reference> resolve(Caller caller) {
            return caller.name().startsWith("me-") && ME.get() != null
                    ? Optional.of(new Reference("User", ME.get())) : Optional.empty();
        }
    }
}

package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;
import org.scimee.path.AttributePath;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ForResourceType;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;
import org.scimee.store.ForwardingResourceStore;
import org.scimee.store.memory.InMemoryResourceStore;

/** GET of one resource hands the store the response's projection, so it may skip e.g. a group's members. */
class ProjectedReadTest {

    /** Whether each projected read's projection could return {@code members}. */
    static final List<Boolean> MEMBERS_WANTED = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .beanClass(RecordingGroupStore.class));

    @Test
    void getPassesTheProjectionToTheStore() throws Exception {
        JsonObject group = json(send(request("Groups").POST(body(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Projected\"}"))).body());
        String path = "Groups/" + group.getString("id");
        MEMBERS_WANTED.clear();

        assertThat(send(request(path + "?excludedAttributes=members").GET()).statusCode()).isEqualTo(200);
        assertThat(send(request(path).GET()).statusCode()).isEqualTo(200);

        assertThat(MEMBERS_WANTED).containsExactly(false, true);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Authorization", "Bearer " + SERVER.token())
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
    }

    /** Serves Groups from memory, recording the projections it is asked to read with. */
    @ApplicationScoped
    public static class RecordingGroupStore {
        @Produces
        @ApplicationScoped
        @ForResourceType("Group")
        ResourceStore groups(SchemaRegistry registry) {
            ResourceStore memory = new InMemoryResourceStore(registry);
            return new ForwardingResourceStore(memory) {
                @Override
                public Optional<StoredResource> find(String tenant, ResourceType type, String id, Projection projection) {
                    MEMBERS_WANTED.add(projection.includes(AttributePath.of("members")));
                    return memory.find(tenant, type, id);
                }
            };
        }
    }
}

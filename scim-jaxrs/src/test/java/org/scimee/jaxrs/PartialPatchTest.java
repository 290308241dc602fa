package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;
import org.scimee.path.AttributePath;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ChangeSet;
import org.scimee.store.ForResourceType;
import org.scimee.store.ForwardingResourceStore;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;
import org.scimee.store.memory.InMemoryResourceStore;

/**
 * PATCH reads only the members its operations name ({@link ResourceStore#findPartial}) and, answered with 204 or
 * without members, lets the store skip reading them back; a response that carries members carries all of them.
 */
class PartialPatchTest {

    /** What the store was asked, in order. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .property(ScimSettings.PATCH_RESPONSE, "no-content")
            .beanClass(RecordingGroupStore.class));

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":";

    @Test
    void valueKeyedPatchesReadOnlyTheNamedMembers() throws Exception {
        JsonObject group = json(send(request("Groups").POST(body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Partial\",\"members\":[{\"value\":\"u-1\"},{\"value\":\"u-2\"},{\"value\":\"u-3\"}]}"))).body());
        String path = "Groups/" + group.getString("id");
        CALLS.clear();

        HttpResponse<String> added = patch(path, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-9\"}]}]");
        assertThat(added.statusCode()).isEqualTo(204);
        assertThat(CALLS).containsExactly("findPartial {members=[u-9]}", "update members=false");

        CALLS.clear();
        HttpResponse<String> removed = patch(path + "?attributes=members,displayName",
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-1\\\"]\"}]");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(CALLS).containsExactly("findPartial {members=[u-1]}", "update members=true");
        assertThat(values(json(removed.body()))).containsExactly("u-2", "u-3", "u-9");

        CALLS.clear();
        HttpResponse<String> unchanged = patch(path + "?excludedAttributes=displayName",
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-2\"}]},"
                        + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"absent\\\"]\"}]");
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(CALLS).containsExactly("findPartial {members=[absent, u-2]}", "find members=true");
        assertThat(values(json(unchanged.body()))).containsExactly("u-2", "u-3", "u-9");

        CALLS.clear();
        HttpResponse<String> renamed = patch(path, "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Renamed\"}]");
        assertThat(renamed.statusCode()).isEqualTo(204);
        assertThat(CALLS).containsExactly("findPartial {members=[]}", "update members=false");

        CALLS.clear();
        HttpResponse<String> replaced = patch(path, "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"u-5\"}]}]");
        assertThat(replaced.statusCode()).isEqualTo(204);
        assertThat(CALLS).containsExactly("find", "update members=false");

        JsonObject last = json(send(request(path).GET()).body());
        assertThat(last.getString("displayName")).isEqualTo("Renamed");
        assertThat(values(last)).containsExactly("u-5");
    }

    @Test
    void anEditInPlaceIsAppliedToTheWholeGroup() throws Exception {
        JsonObject group = json(send(request("Groups").POST(body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"InPlace\",\"members\":[{\"value\":\"u-1\"},{\"value\":\"u-2\"},{\"value\":\"u-3\"}]}"))).body());
        String path = "Groups/" + group.getString("id");
        CALLS.clear();

        // members.type is immutable but unassigned, so it may be set once: in place, which a delta cannot say
        HttpResponse<String> typed = patch(path + "?attributes=members",
                "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"u-2\\\"].type\",\"value\":\"User\"}]");
        assertThat(typed.statusCode()).isEqualTo(200);
        assertThat(CALLS).containsExactly("findPartial {members=[u-2]}", "find", "update members=true");
        assertThat(values(json(typed.body()))).containsExactly("u-1", "u-2", "u-3");
        assertThat(json(typed.body()).getJsonArray("members").getJsonObject(1).getString("type")).isEqualTo("User");
    }

    private static List<String> values(JsonObject group) {
        return group.getJsonArray("members").stream().map(m -> m.asJsonObject().getString("value")).toList();
    }

    private static HttpResponse<String> patch(String path, String operations) throws Exception {
        return send(request(path).method("PATCH", body(PATCH + operations + "}")));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Authorization", "Bearer " + SERVER.token())
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
    }

    /** Serves Groups from memory (with the SPI's default partial find), recording what it is asked. */
    @ApplicationScoped
    public static class RecordingGroupStore {
        @Produces
        @ApplicationScoped
        @ForResourceType("Group")
        ResourceStore groups(SchemaRegistry registry) {
            ResourceStore memory = new InMemoryResourceStore(registry);
            return new ForwardingResourceStore(memory) {
                @Override
                public Optional<StoredResource> findPartial(String tenant, ResourceType type, String id,
                                                            Map<String, Set<String>> elementsByValue) {
                    StringBuilder call = new StringBuilder("findPartial {");
                    elementsByValue.forEach((name, values) -> call.append(name).append('=').append(new TreeSet<>(values)));
                    CALLS.add(call.append('}').toString());
                    return memory.findPartial(tenant, type, id, elementsByValue);
                }

                @Override
                public Optional<StoredResource> find(String tenant, ResourceType type, String id, Projection projection) {
                    CALLS.add("find members=" + projection.includes(AttributePath.of("members")));
                    return memory.find(tenant, type, id);
                }

                @Override
                public StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                             OptionalLong expectedVersion, Projection projection) {
                    CALLS.add("update members=" + projection.includes(AttributePath.of("members")));
                    return memory.update(tenant, type, id, changes, expectedVersion);
                }

                @Override
                public StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                             OptionalLong expectedVersion) {
                    CALLS.add("update");
                    return memory.update(tenant, type, id, changes, expectedVersion);
                }

                @Override
                public Optional<StoredResource> find(String tenant, ResourceType type, String id) {
                    CALLS.add("find");
                    return memory.find(tenant, type, id);
                }
            };
        }
    }
}

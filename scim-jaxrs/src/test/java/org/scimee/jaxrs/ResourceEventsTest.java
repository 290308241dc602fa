package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.scimee.jaxrs.scenario.ScimHttp.assertScimError;
import static org.scimee.jaxrs.scenario.ScimHttp.body;
import static org.scimee.jaxrs.scenario.ScimHttp.json;
import static org.scimee.jaxrs.scenario.ScimHttp.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimee.event.ResourceEvent;
import org.scimee.jaxrs.harness.ScimServerExtension;
import org.scimee.jaxrs.harness.ScimTestServer;
import org.scimee.jaxrs.scenario.ScimHttp;
import org.scimee.store.Change;

/**
 * Every committed change fires a ResourceEvent, synchronously and asynchronously, with the change set; failed
 * requests fire nothing; a throwing observer does not turn the client's success into an error.
 */
class ResourceEventsTest {

    @RegisterExtension
    static final ScimServerExtension SERVER = new ScimServerExtension(ScimTestServer.builder()
            .randomBearerToken()
            .beanClass(Recorder.class));

    static final List<ResourceEvent> SYNC = new CopyOnWriteArrayList<>();
    static final LinkedBlockingQueue<ResourceEvent> ASYNC = new LinkedBlockingQueue<>();

    @Test
    void eachChangeIsAnnouncedOnceItIsCommitted() throws Exception {
        SYNC.clear();
        ASYNC.clear();
        String userName = "ev-" + UUID.randomUUID();
        String id = json(send(request("Users").POST(body("{\"userName\":\"" + userName + "\"}"))).body()).getString("id");
        send(request("Users/" + id).method("PATCH", body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"boom\"}]}")));
        send(request("Users/" + id).PUT(body("{\"userName\":\"" + userName + "\"}")));
        assertScimError(send(request("Users/" + id).PUT(body("{\"userName\":42}"))), 400, "invalidValue");
        assertThat(send(request("Users/" + id).DELETE()).statusCode()).isEqualTo(204);

        assertThat(SYNC).extracting(ResourceEvent::kind).containsExactly(ResourceEvent.Kind.CREATED,
                ResourceEvent.Kind.PATCHED, ResourceEvent.Kind.REPLACED, ResourceEvent.Kind.DELETED);
        assertThat(SYNC).allSatisfy(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.type()).isEqualTo("User");
            assertThat(e.tenant()).isEqualTo("default");
        });
        ResourceEvent patched = SYNC.get(1);
        assertThat(patched.changes().changes()).containsExactly(
                new Change.SetValue(null, "title", jakarta.json.Json.createValue("boom")));
        assertThat(patched.before().orElseThrow().attributes()).doesNotContainKey("title");
        assertThat(patched.after().orElseThrow().attributes().getString("title")).isEqualTo("boom");
        assertThat(SYNC.get(3).after()).isEmpty();

        for (int i = 0; i < 4; i++) {
            assertThat(ASYNC.poll(30, TimeUnit.SECONDS)).as("asynchronous event " + i).isNotNull();
        }
    }

    @Test
    void deletingAUserAnnouncesTheGroupsItWasRemovedFrom() throws Exception {
        String id = json(send(request("Users").POST(body("{\"userName\":\"ev-" + UUID.randomUUID() + "\"}"))).body())
                .getString("id");
        String kept = json(send(request("Users").POST(body("{\"userName\":\"ev-" + UUID.randomUUID() + "\"}"))).body())
                .getString("id");
        String first = group("[{\"value\":\"" + id + "\"},{\"value\":\"" + kept + "\"}]");
        String second = group("[{\"value\":\"" + id + "\"}]");
        String unrelated = group("[{\"value\":\"" + kept + "\"}]");
        SYNC.clear();

        assertThat(send(request("Users/" + id).DELETE()).statusCode()).isEqualTo(204);

        assertThat(SYNC).extracting(ResourceEvent::kind, ResourceEvent::type).containsExactlyInAnyOrder(
                tuple(ResourceEvent.Kind.DELETED, "User"), tuple(ResourceEvent.Kind.PATCHED, "Group"),
                tuple(ResourceEvent.Kind.PATCHED, "Group"));
        assertThat(SYNC).filteredOn(e -> e.kind() == ResourceEvent.Kind.PATCHED).extracting(ResourceEvent::id)
                .containsExactlyInAnyOrder(first, second).doesNotContain(unrelated);
        assertThat(SYNC).filteredOn(e -> e.kind() == ResourceEvent.Kind.PATCHED).allSatisfy(e -> {
            assertThat(e.changes().changes()).containsExactly(new Change.RemoveValues(null, "members",
                    List.of(jakarta.json.Json.createObjectBuilder().add("value", id).build())));
            assertThat(e.after().orElseThrow().meta().version()).isEqualTo(e.before().orElseThrow().meta().version() + 1);
        });
        String members = send(request("Groups/" + first)).body();
        assertThat(members).contains(kept).doesNotContain(id);
    }

    private static String group(String members) throws Exception {
        return json(send(request("Groups").POST(body("{\"displayName\":\"g-" + UUID.randomUUID() + "\",\"members\":"
                + members + "}"))).body()).getString("id");
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(ScimHttp.loopback(SERVER.base().resolve(path)))
                .header("Authorization", "Bearer " + SERVER.token())
                .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30));
    }

    /** An application's observers; the synchronous one also throws, which must not reach the client. */
    @ApplicationScoped
    public static class Recorder {
        void sync(@Observes ResourceEvent event) {
            SYNC.add(event);
            throw new IllegalStateException("an observer's own failure");
        }

        void async(@ObservesAsync ResourceEvent event) {
            ASYNC.add(event);
        }
    }
}

package org.scimee.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
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

package org.scimee.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scimee.error.InvalidCursorException;
import org.scimee.error.UniquenessException;
import org.scimee.event.ResourceEvent;
import org.scimee.filter.Filter;
import org.scimee.projection.Projection;
import org.scimee.query.SortSpec;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Change;
import org.scimee.store.ChangeSet;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

class InMemoryResourceStoreTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();
    private final ResourceType users = registry.resourceType("User").orElseThrow();
    private final InMemoryResourceStore store = new InMemoryResourceStore(registry);

    /** Writers that each read a counter and write it plus one: under the store's monitor none is lost or refused. */
    @Test
    void concurrentReadModifyWritesAllLand() throws Exception {
        StoredResource user = store.create("a", users, user("counter", "0"));
        int writers = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    store.modify("a", users, user.id(), held -> {
                        int counter = Integer.parseInt(held.read().attributes().getString("title"));
                        return held.update(new ChangeSet(List.of(new Change.SetValue(null, "title",
                                Json.createValue(String.valueOf(counter + 1))))), null);
                    });
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        StoredResource after = store.find("a", users, user.id()).orElseThrow();
        assertThat(after.attributes().getString("title")).isEqualTo(String.valueOf(writers * each));
        assertThat(after.meta().version()).isEqualTo(1 + writers * each);
    }

    @Test
    void aDeletionUnderModifyReportsEachGroupItChanged() {
        ResourceType groups = registry.resourceType("Group").orElseThrow();
        StoredResource gone = store.create("a", users, user("gone", "x"));
        JsonObject reference = Json.createObjectBuilder().add("value", gone.id()).build();
        StoredResource group = store.create("a", groups, Json.createObjectBuilder().add("displayName", "G")
                .add("members", Json.createArrayBuilder().add(reference).add(Json.createObjectBuilder().add("value", "other")))
                .build());

        List<ResourceEvent> events = store.modify("a", users, gone.id(), held -> held.delete());

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(ResourceEvent.Kind.PATCHED);
            assertThat(event.id()).isEqualTo(group.id());
            assertThat(event.before()).contains(group);
            assertThat(event.after().orElseThrow().attributes().getJsonArray("members")).hasSize(1);
            assertThat(event.changes().changes()).containsExactly(new Change.RemoveValues(null, "members", List.of(reference)));
        });
        assertThat(store.find("a", groups, group.id())).isEqualTo(events.get(0).after());
    }

    @Test
    void userNameIsUniquePerTenantIgnoringCaseBecauseTheSchemaSaysSo() {
        store.create("a", users, user("bjensen", "x"));
        assertThatThrownBy(() -> store.create("a", users, user("BJensen", "y"))).isInstanceOf(UniquenessException.class);
        store.create("b", users, user("bjensen", "x"));
        StoredResource other = store.create("a", users, user("other", "z"));
        assertThatThrownBy(() -> store.replace("a", users, other.id(), user("BJENSEN", "z"), OptionalLong.empty()))
                .isInstanceOf(UniquenessException.class);
        store.replace("a", users, other.id(), user("other", "changed"), OptionalLong.empty());
    }

    @Test
    void uniquenessDeclaredInAnExtensionHoldsToo() {
        SchemaRegistry custom = SchemaRegistry.builder().withDefaults()
                .schema(Json.createReader(new StringReader("""
                        {"id":"urn:example:badge","attributes":[{"name":"badgeNumber","uniqueness":"server"}]}""")).readObject())
                .resourceType(Json.createReader(new StringReader("""
                        {"id":"Member","endpoint":"/Members","schema":"urn:ietf:params:scim:schemas:core:2.0:User",
                         "schemaExtensions":[{"schema":"urn:example:badge","required":false}]}""")).readObject())
                .build();
        ResourceType members = custom.resourceType("Member").orElseThrow();
        InMemoryResourceStore badges = new InMemoryResourceStore(custom);
        badges.create("t", members, Json.createReader(new StringReader(
                "{\"userName\":\"a\",\"urn:example:badge\":{\"badgeNumber\":\"B-1\"}}")).readObject());
        assertThatThrownBy(() -> badges.create("t", members, Json.createReader(new StringReader(
                "{\"userName\":\"b\",\"urn:example:badge\":{\"badgeNumber\":\"b-1\"}}")).readObject()))
                .isInstanceOf(UniquenessException.class);
        badges.create("t", members, Json.createReader(new StringReader("{\"userName\":\"c\"}")).readObject());
    }

    @Test
    void deletingAUserRemovesItFromItsGroupsInItsTenantOnly() {
        ResourceType groups = registry.resourceType("Group").orElseThrow();
        StoredResource user = store.create("t", users, user("member", "x"));
        String members = "[{\"value\":\"" + user.id() + "\"},{\"value\":\"someone-else\"}]";
        StoredResource group = store.create("t", groups, Json.createReader(new StringReader(
                "{\"displayName\":\"g\",\"members\":" + members + "}")).readObject());
        StoredResource lone = store.create("t", groups, Json.createReader(new StringReader(
                "{\"displayName\":\"lone\",\"members\":[{\"value\":\"" + user.id() + "\"}]}")).readObject());
        StoredResource foreign = store.create("u", groups, Json.createReader(new StringReader(
                "{\"displayName\":\"g\",\"members\":" + members + "}")).readObject());

        store.delete("t", users, user.id(), OptionalLong.empty());

        StoredResource after = store.find("t", groups, group.id()).orElseThrow();
        assertThat(after.attributes().getJsonArray("members")).hasSize(1);
        assertThat(after.attributes().getJsonArray("members").getJsonObject(0).getString("value")).isEqualTo("someone-else");
        assertThat(after.meta().version()).isEqualTo(2);
        assertThat(store.find("t", groups, lone.id()).orElseThrow().attributes()).doesNotContainKey("members");
        assertThat(store.find("u", groups, foreign.id()).orElseThrow()).isEqualTo(foreign);
    }

    @Test
    void filtersSortsAndPagesByIndex() {
        for (String name : List.of("carol", "alice", "dave", "bob", "erin")) {
            store.create("t", users, user(name, name.length() == 5 ? "five" : "other"));
        }
        QueryResult page = store.query("t", users, query("title eq \"five\"", "userName", new Page.Index(2, 2)));
        assertThat(page.totalResults()).isEqualTo(2);
        assertThat(names(page)).containsExactly("carol");

        QueryResult all = store.query("t", users, query(null, "userName", new Page.Index(1, 10)));
        assertThat(names(all)).containsExactly("alice", "bob", "carol", "dave", "erin");
        assertThat(store.query("t", users, query(null, null, new Page.Index(1, 0))).resources()).isEmpty();
        assertThat(store.query("t", users, query(null, null, new Page.Index(9, 5))).totalResults()).isEqualTo(5);
    }

    @Test
    void cursorsWalkForwardAndBackAndForeignCursorsAreRefused() {
        for (String name : List.of("a1", "a2", "a3", "a4", "a5")) {
            store.create("t", users, user(name, "x"));
        }
        QueryResult first = store.query("t", users, query(null, "userName", new Page.Cursor(null, 2)));
        assertThat(names(first)).containsExactly("a1", "a2");
        assertThat(first.previousCursor()).isNull();
        QueryResult second = store.query("t", users, query(null, "userName", new Page.Cursor(first.nextCursor(), 2)));
        assertThat(names(second)).containsExactly("a3", "a4");
        QueryResult third = store.query("t", users, query(null, "userName", new Page.Cursor(second.nextCursor(), 2)));
        assertThat(names(third)).containsExactly("a5");
        assertThat(third.nextCursor()).isNull();
        QueryResult back = store.query("t", users, query(null, "userName", new Page.Cursor(third.previousCursor(), 2)));
        assertThat(names(back)).containsExactly("a3", "a4");

        assertThatThrownBy(() -> store.query("t", users, query(null, null, new Page.Cursor("not-ours", 2))))
                .isInstanceOf(InvalidCursorException.class)
                .satisfies(e -> assertThat(((InvalidCursorException) e).scimType()).isEqualTo("invalidCursor"));
    }

    private ResourceQuery query(String filter, String sortBy, Page page) {
        return new ResourceQuery(filter == null ? null : Filter.parse(filter),
                sortBy == null ? Optional.empty() : SortSpec.parse(sortBy, null), page, Projection.defaults(registry, users));
    }

    private static List<String> names(QueryResult result) {
        return result.resources().stream().map(r -> r.attributes().getString("userName")).toList();
    }

    private static JsonObject user(String userName, String title) {
        return Json.createReader(new StringReader("{\"userName\":\"" + userName + "\",\"title\":\"" + title + "\"}")).readObject();
    }
}

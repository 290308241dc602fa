package org.scimee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Change;
import org.scimee.store.ChangeSet;
import org.scimee.store.StoredResource;

/** The behaviour every database must show (CRUD; queries in {@link JpaQueryContract}); subclasses say how to connect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaResourceStoreContract {

    final SchemaRegistry registry = TestSchemas.registry();
    final ResourceType users = registry.resourceType("User").orElseThrow();
    final ResourceType groups = registry.resourceType("Group").orElseThrow();
    /** Unique per run: the server databases are shared with earlier runs. */
    static final String TENANT = "acme-" + java.util.UUID.randomUUID();
    final Instant now = Instant.parse("2026-12-04T10:15:30.123Z");
    final MutableClock clock = new MutableClock(now);
    Map<String, String> properties;
    EntityManagerFactory factory;
    JpaResourceStore store;

    /** JDBC properties for the database under test. */
    abstract Map<String, String> jdbcProperties();

    @BeforeAll
    void connect() {
        properties = new HashMap<>(jdbcProperties());
        TestDatabases.dropStoreTables(properties);
        factory = ScimPersistence.create(properties);
        store = new JpaResourceStore(factory, registry, clock);
    }

    @AfterAll
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @BeforeEach
    void resetClock() {
        clock.set(now);
    }

    @Test
    void createdResourcesRoundTripExactly() {
        JsonObject attributes = json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen@example.com",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},"active":true,
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],
                 "displayName":"Bärbel \\"BJ\\" Jensen ✓"}""");
        StoredResource created = store.create(TENANT, users, attributes);

        assertThat(created.id()).isNotBlank();
        assertThat(created.meta().created()).isEqualTo(now);
        assertThat(created.meta().lastModified()).isEqualTo(now);
        assertThat(created.meta().version()).isEqualTo(1);

        StoredResource found = store.find(TENANT, users, created.id()).orElseThrow();
        assertThat(found).isEqualTo(created);
        assertThat(found.attributes()).isEqualTo(attributes);
    }

    @Test
    void idsAreFreshAndScopedToTheResourceType() {
        JsonObject group = json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Admins\"}");
        StoredResource first = store.create(TENANT, groups, group);
        StoredResource second = store.create(TENANT, groups, group);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(store.find(TENANT, groups, first.id())).isPresent();
        assertThat(store.find(TENANT, users, first.id())).isEmpty();
        assertThat(store.find(TENANT, groups, "no-such-id")).isEmpty();
    }

    @Test
    void largeDocumentsAreKept() {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            members.append(i == 0 ? "" : ",").append("{\"value\":\"member-").append(i).append("\"}");
        }
        JsonObject group = json("{\"displayName\":\"Big\",\"members\":[" + members + "]}");
        StoredResource created = store.create(TENANT, groups, group);
        assertThat(store.find(TENANT, groups, created.id()).orElseThrow().attributes().getJsonArray("members")).hasSize(2_000);
    }

    @Test
    void replaceKeepsIdAndCreatedAndBumpsTheVersion() {
        StoredResource created = store.create(TENANT, users, json("{\"userName\":\"before\",\"title\":\"Dr\"}"));
        clock.set(now.plusSeconds(60));
        JsonObject after = json("{\"userName\":\"after\"}");

        StoredResource replaced = store.replace(TENANT, users, created.id(), after, OptionalLong.of(1));

        assertThat(replaced.id()).isEqualTo(created.id());
        assertThat(replaced.attributes()).isEqualTo(after);
        assertThat(replaced.meta().created()).isEqualTo(now);
        assertThat(replaced.meta().lastModified()).isEqualTo(now.plusSeconds(60));
        assertThat(replaced.meta().version()).isEqualTo(2);
        assertThat(store.find(TENANT, users, created.id())).contains(replaced);
    }

    @Test
    void staleVersionsAreRefusedAndChangeNothing() {
        StoredResource created = store.create(TENANT, users, json("{\"userName\":\"v1\"}"));
        store.replace(TENANT, users, created.id(), json("{\"userName\":\"v2\"}"), OptionalLong.empty());

        assertThatThrownBy(() -> store.replace(TENANT, users, created.id(), json("{\"userName\":\"v3\"}"), OptionalLong.of(1)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> store.delete(TENANT, users, created.id(), OptionalLong.of(1)))
                .isInstanceOf(PreconditionFailedException.class);
        StoredResource current = store.find(TENANT, users, created.id()).orElseThrow();
        assertThat(current.attributes().getString("userName")).isEqualTo("v2");
        assertThat(current.meta().version()).isEqualTo(2);
    }

    @Test
    void deleteRemovesAndUnknownIdsAre404() {
        StoredResource created = store.create(TENANT, users, json("{\"userName\":\"gone\"}"));
        store.delete(TENANT, users, created.id(), OptionalLong.of(1));
        assertThat(store.find(TENANT, users, created.id())).isEmpty();
        assertThatThrownBy(() -> store.delete(TENANT, users, created.id(), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.replace(TENANT, users, created.id(), json("{\"userName\":\"x\"}"), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletingAUserRemovesItFromItsGroupsOfItsTenantOnly() {
        StoredResource gone = store.create(TENANT, users, json("{\"userName\":\"leaver-" + java.util.UUID.randomUUID() + "\"}"));
        StoredResource stays = store.create(TENANT, users, json("{\"userName\":\"stayer-" + java.util.UUID.randomUUID() + "\"}"));
        String goneRef = "{\"value\":\"" + gone.id() + "\",\"$ref\":\"../Users/" + gone.id() + "\",\"type\":\"User\"}";
        String staysRef = "{\"value\":\"" + stays.id() + "\",\"type\":\"User\"}";
        StoredResource both = store.create(TENANT, groups, json("{\"displayName\":\"Both\",\"members\":["
                + staysRef + "," + goneRef + "]}"));
        StoredResource only = store.create(TENANT, groups, json("{\"displayName\":\"Only\",\"members\":[" + goneRef + "]}"));
        StoredResource unrelated = store.create(TENANT, groups, json("{\"displayName\":\"Unrelated\",\"members\":["
                + staysRef + "]}"));
        String otherTenant = "other-" + java.util.UUID.randomUUID();
        StoredResource elsewhere = store.create(otherTenant, groups, json("{\"displayName\":\"Elsewhere\",\"members\":["
                + goneRef + "]}"));
        clock.set(now.plusSeconds(5));

        store.delete(TENANT, users, gone.id(), OptionalLong.empty());

        StoredResource bothAfter = store.find(TENANT, groups, both.id()).orElseThrow();
        assertThat(bothAfter.attributes().getJsonArray("members")).containsExactly(json(staysRef));
        assertThat(bothAfter.attributes().getString("displayName")).isEqualTo("Both");
        assertThat(bothAfter.meta().version()).isEqualTo(2);
        assertThat(bothAfter.meta().lastModified()).isEqualTo(now.plusSeconds(5));
        StoredResource onlyAfter = store.find(TENANT, groups, only.id()).orElseThrow();
        assertThat(onlyAfter.attributes().containsKey("members")).isFalse();
        assertThat(onlyAfter.meta().version()).isEqualTo(2);
        assertThat(store.find(TENANT, groups, unrelated.id())).contains(unrelated);
        assertThat(store.find(otherTenant, groups, elsewhere.id())).contains(elsewhere);
        // the index rows were rewritten: a filter on the members' values no longer finds the groups
        assertThat(groupIds(TENANT, "members.value eq \"" + gone.id() + "\"")).isEmpty();
        assertThat(groupIds(TENANT, "members.value eq \"" + stays.id() + "\""))
                .containsExactlyInAnyOrder(both.id(), unrelated.id());
        assertThat(groupIds(otherTenant, "members.value eq \"" + gone.id() + "\"")).containsExactly(elsewhere.id());
    }

    @Test
    void aDeletionUnderModifyReportsEachGroupItChanged() {
        StoredResource gone = store.create(TENANT, users, json("{\"userName\":\"reported-" + java.util.UUID.randomUUID() + "\"}"));
        String goneRef = "{\"value\":\"" + gone.id() + "\",\"type\":\"User\"}";
        StoredResource group = store.create(TENANT, groups, json("{\"displayName\":\"Reported\",\"members\":["
                + goneRef + ",{\"value\":\"someone-else\"}]}"));
        StoredResource unrelated = store.create(TENANT, groups, json("{\"displayName\":\"Unreported\",\"members\":["
                + "{\"value\":\"someone-else\"}]}"));

        List<org.scimee.event.ResourceEvent> events = store.modify(TENANT, users, gone.id(), held -> held.delete());

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(org.scimee.event.ResourceEvent.Kind.PATCHED);
            assertThat(event.type()).isEqualTo("Group");
            assertThat(event.id()).isEqualTo(group.id());
            assertThat(event.tenant()).isEqualTo(TENANT);
            assertThat(event.changes().changes()).containsExactly(
                    new Change.RemoveValues(null, "members", List.of(json(goneRef))));
            assertThat(event.before().orElseThrow().meta().version()).isEqualTo(1);
            assertThat(event.after().orElseThrow().meta().version()).isEqualTo(2);
        });
        assertThat(store.find(TENANT, groups, unrelated.id())).contains(unrelated);
        assertThat(store.find(TENANT, users, gone.id())).isEmpty();
    }

    private java.util.List<String> groupIds(String tenant, String filter) {
        return store.query(tenant, groups, new org.scimee.store.ResourceQuery(org.scimee.filter.Filter.parse(filter),
                java.util.Optional.empty(), new org.scimee.store.Page.Index(1, 100),
                org.scimee.projection.Projection.defaults(registry, groups))).resources().stream()
                .map(StoredResource::id).toList();
    }

    // ---- members as rows (scim_element) ----

    private java.sql.Connection jdbc() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(properties.get("jakarta.persistence.jdbc.url"),
                properties.get("jakarta.persistence.jdbc.user"), properties.get("jakarta.persistence.jdbc.password"));
    }

    /** The rows of one resource in {@code table}, each as the text of the given columns. */
    private java.util.Set<String> rows(String table, String columns, String tenant, String id) throws java.sql.SQLException {
        java.util.Set<String> rows = new java.util.HashSet<>();
        try (java.sql.Connection connection = jdbc();
             java.sql.PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM " + table
                     + " WHERE tenant = ? AND resource_type = 'Group' AND resource_id = ?")) {
            select.setString(1, tenant);
            select.setString(2, id);
            try (java.sql.ResultSet found = select.executeQuery()) {
                int width = found.getMetaData().getColumnCount();
                while (found.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= width; i++) {
                        row.append(found.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private static String members(int count, String prefix) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < count; i++) {
            members.append(i == 0 ? "" : ",").append("{\"value\":\"").append(prefix).append(i)
                    .append("\",\"type\":\"User\"}");
        }
        return "[" + members + "]";
    }

    private static org.scimee.store.ChangeSet changes(org.scimee.store.Change... changes) {
        return new org.scimee.store.ChangeSet(java.util.List.of(changes));
    }

    @Test
    void addingOneMemberToAGroupOf2000WritesOneElementRow() throws Exception {
        StoredResource group = store.create(TENANT, groups, json("{\"displayName\":\"Large\",\"members\":"
                + members(2_000, "m-") + "}"));
        java.util.Set<String> elementsBefore = rows("scim_element", "path, position, value_key, element_json", TENANT, group.id());
        java.util.Set<String> valuesBefore = rows("scim_value", "path, element, k_key, is_sort", TENANT, group.id());
        assertThat(elementsBefore).hasSize(2_000);
        JsonObject added = json("{\"value\":\"m-new\",\"type\":\"User\"}");

        StoredResource updated = store.update(TENANT, groups, group.id(),
                changes(new org.scimee.store.Change.AddValues(null, "members", java.util.List.of(added))), OptionalLong.of(1));

        java.util.Set<String> elementsAfter = rows("scim_element", "path, position, value_key, element_json", TENANT, group.id());
        assertThat(elementsAfter).containsAll(elementsBefore).hasSize(2_001);
        java.util.Set<String> newElements = new java.util.HashSet<>(elementsAfter);
        newElements.removeAll(elementsBefore);
        assertThat(newElements).singleElement().asString().startsWith("members|2000|m-new|");
        // the member's index rows (its container, value and type rows) were added; no other member's row changed
        java.util.Set<String> valuesAfter = rows("scim_value", "path, element, k_key, is_sort", TENANT, group.id());
        java.util.Set<String> memberRowsBefore = new java.util.HashSet<>(valuesBefore);
        memberRowsBefore.removeIf(row -> !row.startsWith("members"));
        assertThat(valuesAfter).containsAll(memberRowsBefore);
        java.util.Set<String> newMemberRows = new java.util.HashSet<>(valuesAfter);
        newMemberRows.removeAll(valuesBefore);
        newMemberRows.removeIf(row -> !row.startsWith("members"));
        assertThat(newMemberRows).containsExactlyInAnyOrder("members|2000|null|0|", "members.value|2000|m-new|0|",
                "members.type|2000|user|0|");

        assertThat(updated.meta().version()).isEqualTo(2);
        assertThat(updated.attributes().getJsonArray("members")).hasSize(2_001).last().isEqualTo(added);
        assertThat(store.find(TENANT, groups, group.id())).contains(updated);
        assertThat(groupIds(TENANT, "members.value eq \"m-new\"")).containsExactly(group.id());
        assertThatThrownBy(() -> store.update(TENANT, groups, group.id(), changes(), OptionalLong.of(1)))
                .isInstanceOf(PreconditionFailedException.class);
    }

    /** More names than one look-up statement takes, for both the partial read and the removal. */
    @Test
    void manyMembersAreReadAndRemovedByValueAtOnce() {
        String tenant = "many-" + java.util.UUID.randomUUID();
        StoredResource group = store.create(tenant, groups, json("{\"displayName\":\"Sixty\",\"members\":"
                + members(60, "m-") + "}"));
        java.util.List<jakarta.json.JsonValue> named = new java.util.ArrayList<>();
        java.util.Set<String> values = new java.util.HashSet<>();
        for (int i = 0; i < 60; i += 2) {
            named.add(json("{\"value\":\"m-" + i + "\",\"type\":\"User\"}"));
            values.add("m-" + i);
        }
        values.add("M-1"); // members.value is not caseExact: the partial view may hold m-1 too

        StoredResource partial = store.findPartial(tenant, groups, group.id(), Map.of("members", values)).orElseThrow();
        assertThat(partial.attributes().getJsonArray("members")).containsAll(named).hasSizeBetween(30, 31);

        store.update(tenant, groups, group.id(), changes(new org.scimee.store.Change.RemoveValues(null, "members", named)),
                OptionalLong.empty());
        assertThat(store.find(tenant, groups, group.id()).orElseThrow().attributes().getJsonArray("members"))
                .hasSize(30).doesNotContainAnyElementsOf(named);
    }

    @Test
    void removingMembersFindsThemByValue() throws Exception {
        String tenant = "remove-" + java.util.UUID.randomUUID();
        StoredResource group = store.create(tenant, groups, json("{\"displayName\":\"Three\",\"members\":"
                + members(3, "r-") + "}"));
        JsonObject first = json("{\"value\":\"r-0\",\"type\":\"User\"}");
        JsonObject second = json("{\"value\":\"r-1\",\"type\":\"User\"}");

        StoredResource updated = store.update(tenant, groups, group.id(),
                changes(new org.scimee.store.Change.RemoveValues(null, "members", java.util.List.of(second))),
                OptionalLong.empty());

        assertThat(updated.attributes().getJsonArray("members")).containsExactly(first,
                json("{\"value\":\"r-2\",\"type\":\"User\"}"));
        assertThat(rows("scim_element", "position", tenant, group.id())).containsExactlyInAnyOrder("0|", "2|");
        assertThat(groupIds(tenant, "members.value eq \"r-1\"")).isEmpty();
        assertThat(groupIds(tenant, "members.value eq \"r-2\"")).containsExactly(group.id());

        // removing the first member makes the next one the value sortBy uses
        store.update(tenant, groups, group.id(),
                changes(new org.scimee.store.Change.RemoveValues(null, "members", java.util.List.of(first))),
                OptionalLong.of(2));
        java.util.Set<String> sortRows = rows("scim_value", "path, element, is_sort", tenant, group.id());
        assertThat(sortRows).contains("members.value|2|1|").doesNotContain("members.value|0|1|");
        StoredResource last = store.find(tenant, groups, group.id()).orElseThrow();
        assertThat(last.meta().version()).isEqualTo(3);
        assertThat(last.attributes().getJsonArray("members")).containsExactly(json("{\"value\":\"r-2\",\"type\":\"User\"}"));
    }

    @Test
    void setAndClearRewriteOnlyWhatTheyTouch() throws Exception {
        String tenant = "set-" + java.util.UUID.randomUUID();
        StoredResource group = store.create(tenant, groups, json("{\"displayName\":\"Before\",\"members\":"
                + members(2, "s-") + "}"));
        clock.set(now.plusSeconds(1));

        StoredResource renamed = store.update(tenant, groups, group.id(), changes(
                new org.scimee.store.Change.SetValue(null, "displayName", Json.createValue("After"))), OptionalLong.of(1));
        assertThat(renamed.attributes()).isEqualTo(json("{\"displayName\":\"After\",\"members\":" + members(2, "s-") + "}"));
        assertThat(renamed.meta().version()).isEqualTo(2);
        assertThat(renamed.meta().lastModified()).isEqualTo(now.plusSeconds(1));
        assertThat(groupIds(tenant, "displayName eq \"After\"")).containsExactly(group.id());
        assertThat(groupIds(tenant, "displayName eq \"Before\"")).isEmpty();
        assertThat(groupIds(tenant, "meta.lastModified gt \"" + now + "\"")).containsExactly(group.id());
        assertThat(groupIds(tenant, "members.value eq \"s-1\"")).containsExactly(group.id());

        StoredResource replacedMembers = store.update(tenant, groups, group.id(), changes(
                new org.scimee.store.Change.SetValue(null, "members", Json.createArrayBuilder()
                        .add(json("{\"value\":\"t-0\"}")).build())), OptionalLong.of(2));
        assertThat(replacedMembers.attributes().getJsonArray("members")).containsExactly(json("{\"value\":\"t-0\"}"));
        assertThat(groupIds(tenant, "members.value eq \"s-1\"")).isEmpty();
        assertThat(groupIds(tenant, "members.value eq \"t-0\"")).containsExactly(group.id());

        StoredResource cleared = store.update(tenant, groups, group.id(), changes(
                new org.scimee.store.Change.Clear(null, "members")), OptionalLong.of(3));
        assertThat(cleared.attributes()).isEqualTo(json("{\"displayName\":\"After\"}"));
        assertThat(cleared.meta().version()).isEqualTo(4);
        assertThat(rows("scim_element", "position", tenant, group.id())).isEmpty();
        assertThat(groupIds(tenant, "members pr")).isEmpty();
    }

    @Test
    void excludedMembersAreNotRead() throws Exception {
        String tenant = "projection-" + java.util.UUID.randomUUID();
        StoredResource group = store.create(tenant, groups, json("{\"displayName\":\"Projected\",\"members\":"
                + members(3, "p-") + "}"));
        org.scimee.projection.Projection withoutMembers =
                org.scimee.projection.Projection.parse(registry, groups, null, "members");

        StoredResource projected = store.find(tenant, groups, group.id(), withoutMembers).orElseThrow();
        assertThat(projected.attributes()).isEqualTo(json("{\"displayName\":\"Projected\"}"));
        assertThat(projected.meta()).isEqualTo(group.meta());
        assertThat(queried(tenant, withoutMembers)).containsExactly(projected);

        // the element rows vanish behind the store's back: the full reads show it, the projected ones cannot
        try (java.sql.Connection connection = jdbc();
             java.sql.PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM scim_element WHERE tenant = ? AND resource_id = ? AND position = 1")) {
            delete.setString(1, tenant);
            delete.setString(2, group.id());
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(store.find(tenant, groups, group.id(), withoutMembers)).contains(projected);
        assertThat(queried(tenant, withoutMembers)).containsExactly(projected);
        JsonObject full = store.find(tenant, groups, group.id()).orElseThrow().attributes();
        assertThat(full.getJsonArray("members")).hasSize(2);
        assertThat(queried(tenant, org.scimee.projection.Projection.defaults(registry, groups)))
                .singleElement().extracting(r -> r.attributes().getJsonArray("members")).asList().hasSize(2);
    }

    private java.util.List<StoredResource> queried(String tenant, org.scimee.projection.Projection projection) {
        return store.query(tenant, groups, new org.scimee.store.ResourceQuery(null, java.util.Optional.empty(),
                new org.scimee.store.Page.Index(1, 10), projection)).resources();
    }

    /** Makes a group look as a store before V2 left it: the members inside the document, no element rows. */
    private void inline(String tenant, StoredResource group) throws java.sql.SQLException {
        try (java.sql.Connection connection = jdbc()) {
            try (java.sql.PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM scim_element WHERE tenant = ? AND resource_id = ?")) {
                delete.setString(1, tenant);
                delete.setString(2, group.id());
                delete.executeUpdate();
            }
            try (java.sql.PreparedStatement update = connection.prepareStatement(
                    "UPDATE scim_resource SET data = ? WHERE tenant = ? AND id = ?")) {
                update.setString(1, group.attributes().toString());
                update.setString(2, tenant);
                update.setString(3, group.id());
                update.executeUpdate();
            }
        }
    }

    @Test
    void membersStillInsideADocumentAreReadAndMovedOutOnTheFirstUpdate() throws Exception {
        String tenant = "legacy-" + java.util.UUID.randomUUID();
        StoredResource group = store.create(tenant, groups, json("{\"displayName\":\"Old\",\"members\":"
                + members(2, "o-") + "}"));
        inline(tenant, group);
        assertThat(store.find(tenant, groups, group.id())).contains(group);

        JsonObject added = json("{\"value\":\"o-new\"}");
        StoredResource updated = store.update(tenant, groups, group.id(),
                changes(new org.scimee.store.Change.AddValues(null, "members", java.util.List.of(added))), OptionalLong.of(1));

        assertThat(updated.attributes().getJsonArray("members")).hasSize(3).last().isEqualTo(added);
        assertThat(rows("scim_element", "position", tenant, group.id())).containsExactlyInAnyOrder("0|", "1|", "2|");
        assertThat(groupIds(tenant, "members.value eq \"o-1\"")).containsExactly(group.id());
        assertThat(groupIds(tenant, "members.value eq \"o-new\"")).containsExactly(group.id());
    }

    @Test
    void inlineMembersAreMovedOutWithoutANewVersion() throws Exception {
        String tenant = "move-" + java.util.UUID.randomUUID();
        java.util.List<StoredResource> old = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StoredResource group = store.create(tenant, groups, json("{\"displayName\":\"Old " + i + "\",\"members\":"
                    + members(i + 1, "v" + i + "-") + "}"));
            inline(tenant, group);
            old.add(group);
        }
        StoredResource modern = store.create(tenant, groups, json("{\"displayName\":\"New\",\"members\":"
                + members(2, "n-") + "}"));
        StoredResource empty = store.create(tenant, groups, json("{\"displayName\":\"members\"}"));

        assertThat(store.moveInlineElements(tenant)).isEqualTo(3);

        for (StoredResource group : old) {
            assertThat(store.find(tenant, groups, group.id())).contains(group);
            assertThat(rows("scim_element", "position", tenant, group.id()))
                    .hasSize(group.attributes().getJsonArray("members").size());
            assertThat(store.find(tenant, groups, group.id(),
                    org.scimee.projection.Projection.parse(registry, groups, null, "members")).orElseThrow()
                    .attributes().containsKey("members")).isFalse();
        }
        assertThat(store.find(tenant, groups, modern.id())).contains(modern);
        assertThat(store.find(tenant, groups, empty.id())).contains(empty);
        assertThat(groupIds(tenant, "members.value eq \"v2-2\"")).containsExactly(old.get(2).id());
        assertThat(store.moveInlineElements(tenant)).isZero();
    }

    /**
     * Random PATCH-like change sets on a group: after each delta update the group reads as the change set applied
     * in memory, and its index rows (element numbers taken as ranks) are those a fresh write of it has.
     */
    @Test
    void randomDeltaUpdatesKeepDocumentAndIndexRowsRight() throws Exception {
        String tenant = "delta-" + java.util.UUID.randomUUID();
        String scratch = "delta-scratch-" + java.util.UUID.randomUUID();
        java.util.Random random = new java.util.Random(Long.getLong("scimee.test.seed", 20261204L));
        JsonObject current = json("{\"displayName\":\"G\",\"members\":" + members(3, "d-") + "}");
        StoredResource group = store.create(tenant, groups, current);
        long version = 1;
        for (int step = 0; step < 120; step++) {
            java.util.List<jakarta.json.JsonValue> next = new java.util.ArrayList<>(
                    current.containsKey("members") ? current.getJsonArray("members") : java.util.List.of());
            int kind = random.nextInt(6);
            if (kind <= 1) {
                for (int i = random.nextInt(3) + 1; i > 0; i--) {
                    next.add(randomMember(random));
                }
            } else if (kind == 2 && !next.isEmpty()) {
                for (int i = random.nextInt(Math.min(3, next.size())) + 1; i > 0 && !next.isEmpty(); i--) {
                    next.remove(random.nextInt(next.size()));
                }
            } else if (kind == 3 && !next.isEmpty()) {
                next.set(random.nextInt(next.size()), randomMember(random));
            } else if (kind == 4 && random.nextInt(4) == 0) {
                next.clear();
            }
            jakarta.json.JsonObjectBuilder after = Json.createObjectBuilder(current).remove("members");
            if (!next.isEmpty()) {
                jakarta.json.JsonArrayBuilder array = Json.createArrayBuilder();
                next.forEach(array::add);
                after.add("members", array);
            }
            if (kind == 5) {
                after.add("displayName", "G" + random.nextInt(5));
            }
            JsonObject expected = after.build();
            org.scimee.store.ChangeSet changes = org.scimee.store.ChangeSet.between(current, expected);

            StoredResource updated = store.update(tenant, groups, group.id(), changes, OptionalLong.of(version));

            version++;
            assertThat(updated.attributes()).as("step %d: %s", step, changes).isEqualTo(expected);
            assertThat(updated.meta().version()).isEqualTo(version);
            assertThat(store.find(tenant, groups, group.id())).contains(updated);
            StoredResource fresh = store.create(scratch, groups, expected);
            assertThat(indexRows(tenant, group.id())).as("step %d: %s", step, changes)
                    .isEqualTo(indexRows(scratch, fresh.id()));
            current = expected;
        }
    }

    private static JsonObject randomMember(java.util.Random random) {
        jakarta.json.JsonObjectBuilder member = Json.createObjectBuilder().add("value", "d-" + random.nextInt(8));
        if (random.nextBoolean()) {
            member.add("type", random.nextBoolean() ? "User" : "Group");
        }
        if (random.nextInt(3) == 0) {
            member.add("display", "Name " + random.nextInt(3));
        }
        return member.build();
    }

    /** A group's scim_value rows but meta and id, element numbers of members rows replaced by their rank, sorted. */
    private java.util.List<String> indexRows(String tenant, String id) throws java.sql.SQLException {
        java.util.List<String[]> raw = new java.util.ArrayList<>();
        java.util.TreeSet<Integer> memberElements = new java.util.TreeSet<>();
        try (java.sql.Connection connection = jdbc();
             java.sql.PreparedStatement select = connection.prepareStatement("SELECT path, element, k_key, v_key, v_sort,"
                     + " v_num, present, is_sort FROM scim_value WHERE tenant = ? AND resource_type = 'Group'"
                     + " AND resource_id = ?")) {
            select.setString(1, tenant);
            select.setString(2, id);
            try (java.sql.ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    String path = found.getString(1);
                    if (path.equals("id") || path.startsWith("meta")) {
                        continue;
                    }
                    java.math.BigDecimal number = found.getBigDecimal(6);
                    raw.add(new String[] {path, found.getString(2), found.getString(3), found.getString(4),
                            found.getString(5), number == null ? null : number.stripTrailingZeros().toPlainString(),
                            found.getString(7), found.getString(8)});
                    if (path.startsWith("members")) {
                        memberElements.add(found.getInt(2));
                    }
                }
            }
        }
        java.util.List<String> rows = new java.util.ArrayList<>();
        for (String[] row : raw) {
            if (row[0].startsWith("members")) {
                row[1] = String.valueOf(memberElements.headSet(Integer.parseInt(row[1])).size());
            }
            rows.add(String.join("|", java.util.Arrays.asList(row)));
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    @Test
    void tenantsAreIsolated() {
        StoredResource mine = store.create(TENANT, users, json("{\"userName\":\"mine\"}"));
        assertThat(store.find("other", users, mine.id())).isEmpty();
        assertThatThrownBy(() -> store.delete("other", users, mine.id(), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.replace("other", users, mine.id(), json("{\"userName\":\"x\"}"), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(store.find(TENANT, users, mine.id())).isPresent();
    }

    /**
     * Each writer reads a counter and writes it plus one, through {@link JpaResourceStore#modify}: a lost update
     * would leave the counter short, a refused writer would throw. Under the row lock neither happens.
     */
    @Test
    void concurrentReadModifyWritesOfOneResourceAllLand() throws Exception {
        StoredResource group = store.create(TENANT, groups, json("{\"displayName\":\"0\"}"));
        int writers = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String member = "writer-" + w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    String value = member + "-" + i;
                    store.modify(TENANT, groups, group.id(), held -> {
                        StoredResource read = held.readPartial(Map.of("members", Set.of(value)));
                        int counter = Integer.parseInt(read.attributes().getString("displayName"));
                        return held.update(new ChangeSet(List.of(
                                new Change.SetValue(null, "displayName", Json.createValue(String.valueOf(counter + 1))),
                                new Change.AddValues(null, "members", List.of(Json.createObjectBuilder()
                                        .add("value", value).build())))), null);
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : done) {
            writer.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        StoredResource after = store.find(TENANT, groups, group.id()).orElseThrow();
        assertThat(after.attributes().getString("displayName")).isEqualTo(String.valueOf(writers * each));
        assertThat(after.attributes().getJsonArray("members")).hasSize(writers * each);
        assertThat(after.meta().version()).isEqualTo(1 + writers * each);
    }

    @Test
    void aModificationThatFailsLeavesNothingWritten() {
        StoredResource group = store.create(TENANT, groups, json("{\"displayName\":\"Kept\",\"members\":[{\"value\":\"a\"}]}"));
        assertThatThrownBy(() -> store.modify(TENANT, groups, group.id(), held -> {
            held.update(new ChangeSet(List.of(new Change.AddValues(null, "members",
                    List.of(Json.createObjectBuilder().add("value", "b").build())))), null);
            throw new PreconditionFailedException("the client's If-Match did not match");
        })).isInstanceOf(PreconditionFailedException.class);
        assertThat(store.find(TENANT, groups, group.id()).orElseThrow()).isEqualTo(group);
        assertThatThrownBy(() -> store.modify(TENANT, groups, "no-such-id", held -> held.read()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant instant;

        MutableClock(Instant instant) {
            this.instant = instant;
        }

        void set(Instant next) {
            instant = next;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

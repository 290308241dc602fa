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
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
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

    private java.util.List<String> groupIds(String tenant, String filter) {
        return store.query(tenant, groups, new org.scimee.store.ResourceQuery(org.scimee.filter.Filter.parse(filter),
                java.util.Optional.empty(), new org.scimee.store.Page.Index(1, 100),
                org.scimee.projection.Projection.defaults(registry, groups))).resources().stream()
                .map(StoredResource::id).toList();
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

package org.scimee.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.StoredResource;

/** The behaviour every database must show; subclasses say how to connect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaResourceStoreContract {

    private final SchemaRegistry registry = SchemaRegistry.defaults();
    private final ResourceType users = registry.resourceType("User").orElseThrow();
    private final ResourceType groups = registry.resourceType("Group").orElseThrow();
    private final Instant now = Instant.parse("2026-12-04T10:15:30.123Z");
    private EntityManagerFactory factory;
    private JpaResourceStore store;

    /** JDBC properties for the database under test. */
    abstract Map<String, String> jdbcProperties();

    @BeforeAll
    void connect() {
        Map<String, String> properties = new HashMap<>(jdbcProperties());
        properties.put("jakarta.persistence.schema-generation.database.action", "drop-and-create");
        factory = ScimPersistence.create(properties);
        store = new JpaResourceStore(factory, Clock.fixed(now, ZoneOffset.UTC));
    }

    @AfterAll
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @Test
    void createdResourcesRoundTripExactly() {
        JsonObject attributes = json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen@example.com",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},"active":true,
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],
                 "displayName":"Bärbel \\"BJ\\" Jensen ✓"}""");
        StoredResource created = store.create(users, attributes);

        assertThat(created.id()).isNotBlank();
        assertThat(created.meta().created()).isEqualTo(now);
        assertThat(created.meta().lastModified()).isEqualTo(now);
        assertThat(created.meta().version()).isEqualTo(1);

        StoredResource found = store.find(users, created.id()).orElseThrow();
        assertThat(found).isEqualTo(created);
        assertThat(found.attributes()).isEqualTo(attributes);
    }

    @Test
    void idsAreFreshAndScopedToTheResourceType() {
        JsonObject group = json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Admins\"}");
        StoredResource first = store.create(groups, group);
        StoredResource second = store.create(groups, group);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(store.find(groups, first.id())).isPresent();
        assertThat(store.find(users, first.id())).isEmpty();
        assertThat(store.find(groups, "no-such-id")).isEmpty();
    }

    @Test
    void largeDocumentsAreKept() {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            members.append(i == 0 ? "" : ",").append("{\"value\":\"member-").append(i).append("\"}");
        }
        JsonObject group = json("{\"displayName\":\"Big\",\"members\":[" + members + "]}");
        StoredResource created = store.create(groups, group);
        assertThat(store.find(groups, created.id()).orElseThrow().attributes().getJsonArray("members")).hasSize(2_000);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

package org.scimee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.StoredResource;

/** Where the producer takes its connections from, without a server: the JNDI look-up is a function here. */
class JpaStoreProducerTest {

    private final List<String> lookedUp = new ArrayList<>();

    private Function<String, DataSource> lookup(DataSource found) {
        return name -> {
            lookedUp.add(name);
            if (found == null) {
                throw new IllegalStateException("no " + name);
            }
            return found;
        };
    }

    private static Function<String, Optional<String>> settings(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void aUrlWinsAndNothingIsLookedUp() {
        JpaStoreProducer.Source source = JpaStoreProducer.source(settings(Map.of(
                JpaStoreProducer.URL, "jdbc:postgresql://db/scim", JpaStoreProducer.USER, "scim",
                JpaStoreProducer.PASSWORD, "secret", JpaStoreProducer.DATASOURCE, "java:app/Ignored",
                JpaStoreProducer.MIGRATE, "false")), lookup(new JdbcDataSource()));

        assertThat(lookedUp).isEmpty();
        assertThat(source.dataSource()).isNull();
        assertThat(source.jdbcProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "jakarta.persistence.jdbc.url", "jdbc:postgresql://db/scim",
                "jakarta.persistence.jdbc.user", "scim",
                "jakarta.persistence.jdbc.password", "secret",
                "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                JpaStoreProducer.MIGRATE, "false"));
    }

    @Test
    void withoutAUrlTheDefaultDataSourceIsLookedUp() {
        DataSource dataSource = new JdbcDataSource();
        JpaStoreProducer.Source source = JpaStoreProducer.source(settings(Map.of(JpaStoreProducer.URL, " ")),
                lookup(dataSource));

        assertThat(lookedUp).containsExactly("java:comp/DefaultDataSource");
        assertThat(source.dataSource()).isSameAs(dataSource);
        assertThat(source.jdbcProperties()).isNull();
        assertThat(source.options()).isEmpty();
    }

    @Test
    void theDataSourceNameIsConfigurable() {
        DataSource dataSource = new JdbcDataSource();
        JpaStoreProducer.Source source = JpaStoreProducer.source(settings(Map.of(
                JpaStoreProducer.DATASOURCE, "java:app/jdbc/Scim", JpaStoreProducer.MIGRATE, "false")), lookup(dataSource));

        assertThat(lookedUp).containsExactly("java:app/jdbc/Scim");
        assertThat(source.dataSource()).isSameAs(dataSource);
        assertThat(source.options()).containsExactly(Map.entry(JpaStoreProducer.MIGRATE, "false"));
    }

    @Test
    void aMissingDataSourceFailsNamingBothKeys() {
        assertThatThrownBy(() -> JpaStoreProducer.source(settings(Map.of()), lookup(null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java:comp/DefaultDataSource")
                .hasMessageContaining(JpaStoreProducer.DATASOURCE)
                .hasMessageContaining(JpaStoreProducer.URL);
    }

    @Test
    void aStoreOnADataSourceMigratesAndWorks() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:scimee-datasource-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        EntityManagerFactory factory = JpaStoreProducer.source(settings(Map.of()), lookup(dataSource)).open();
        try {
            SchemaRegistry registry = TestSchemas.registry();
            ResourceType users = registry.resourceType("User").orElseThrow();
            JpaResourceStore store = new JpaResourceStore(factory, registry);
            StoredResource created = store.create("t", users, Json.createObjectBuilder().add("userName", "ds").build());
            assertThat(store.find("t", users, created.id())).contains(created);
        } finally {
            factory.close();
        }
    }
}

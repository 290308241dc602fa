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
    void aPostgresDataSourceWorks() {
        Map<String, String> database = TestDatabases.postgres();
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(database.get("jakarta.persistence.jdbc.url"));
        dataSource.setUser(database.get("jakarta.persistence.jdbc.user"));
        dataSource.setPassword(database.get("jakarta.persistence.jdbc.password"));
        roundTrip(dataSource, database, java.sql.Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void aMariaDbDataSourceWorksAndReadsCommitted() throws Exception {
        Map<String, String> database = TestDatabases.mariadb();
        org.mariadb.jdbc.MariaDbDataSource dataSource = new org.mariadb.jdbc.MariaDbDataSource(
                database.get("jakarta.persistence.jdbc.url"));
        dataSource.setUser(database.get("jakarta.persistence.jdbc.user"));
        dataSource.setPassword(database.get("jakarta.persistence.jdbc.password"));
        // InnoDB's own default is REPEATABLE READ; the store's connections must not use it (see ScimPersistence)
        roundTrip(dataSource, database, java.sql.Connection.TRANSACTION_READ_COMMITTED);
    }

    private void roundTrip(DataSource dataSource, Map<String, String> database, int isolation) {
        TestDatabases.dropStoreTables(database);
        EntityManagerFactory factory = JpaStoreProducer.source(settings(Map.of()), lookup(dataSource)).open();
        try {
            SchemaRegistry registry = TestSchemas.registry();
            ResourceType users = registry.resourceType("User").orElseThrow();
            JpaResourceStore store = new JpaResourceStore(factory, registry);
            String tenant = "ds-" + UUID.randomUUID();
            StoredResource created = store.create(tenant, users, Json.createObjectBuilder().add("userName", "ds").build());
            assertThat(store.find(tenant, users, created.id())).contains(created);
            jakarta.persistence.EntityManager em = factory.createEntityManager();
            try {
                em.getTransaction().begin();
                assertThat(em.unwrap(java.sql.Connection.class).getTransactionIsolation()).isEqualTo(isolation);
                em.getTransaction().rollback();
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            } finally {
                em.close();
            }
        } finally {
            factory.close();
        }
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

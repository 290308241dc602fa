package org.scimee.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * Creates the store's application-managed persistence unit.
 *
 * <p>The unit's descriptor lives at {@value #DESCRIPTOR} rather than {@code META-INF/persistence.xml}, so
 * neither Payara nor WildFly tries to deploy it on its own: the store owns its unit, whatever the host's
 * {@code persistence.xml} says. EclipseLink is asked for directly, because WildFly's default provider is not it.
 */
public final class ScimPersistence {

    /** The persistence unit name. */
    public static final String UNIT = "scimee";
    /** Where the unit's descriptor lives on the class path. */
    public static final String DESCRIPTOR = "META-INF/scimee-persistence.xml";

    private ScimPersistence() {
    }

    /**
     * Whether {@link #create} first migrates the database to the store's schema ({@link Migrations}); {@code true}
     * unless the property says {@code false}. The same key as the MicroProfile Config property.
     */
    public static final String MIGRATE = "scimee.jpa.migrate";

    /**
     * A factory connecting with JDBC properties, e.g. {@code jakarta.persistence.jdbc.url}, {@code ...user},
     * {@code ...password}, {@code ...driver}; they are passed through to EclipseLink as given. Unless
     * {@value #MIGRATE} is {@code false}, the database is first brought up to date by {@link Migrations}.
     * EclipseLink never generates tables: the migrations own the schema.
     */
    public static EntityManagerFactory create(Map<String, String> jdbcProperties) {
        Map<String, Object> properties = new HashMap<>(jdbcProperties);
        Object migrate = properties.remove(MIGRATE);
        if (migrate == null || !"false".equalsIgnoreCase(migrate.toString().strip())) {
            Migrations.migrate(properties);
        }
        Object url = properties.get("jakarta.persistence.jdbc.url");
        if (url != null && Migrations.isMariaDb(url.toString())) {
            // InnoDB's default REPEATABLE READ takes gap locks when a replace deletes a resource's index rows, and
            // two concurrent replaces then deadlock on each other's gaps; READ COMMITTED takes none.
            properties.putIfAbsent(PersistenceUnitProperties.JDBC_PROPERTY + "transactionIsolation", "READ_COMMITTED");
        }
        return open(properties);
    }

    /**
     * A factory whose connections come from {@code dataSource} (e.g. the application server's, found in JNDI),
     * handed to EclipseLink as the non-JTA data source of the resource-local unit: the store still demarcates its
     * own transactions on those connections. Unless {@code options} has {@value #MIGRATE} {@code false}, the
     * database is first brought up to date by {@link Migrations#migrate(DataSource)}. On MariaDB/MySQL every
     * connection is switched to READ COMMITTED when the store takes it (see {@link #create(Map)}).
     *
     * @param options further unit properties; {@code jakarta.persistence.jdbc.*} must not be among them
     */
    public static EntityManagerFactory create(DataSource dataSource, Map<String, String> options) {
        Map<String, Object> properties = new HashMap<>(options);
        Object migrate = properties.remove(MIGRATE);
        if (migrate == null || !"false".equalsIgnoreCase(migrate.toString().strip())) {
            Migrations.migrate(dataSource);
        }
        DataSource used = "mariadb".equals(Migrations.family(dataSource))
                ? new ReadCommittedDataSource(dataSource) : dataSource;
        properties.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, used);
        return open(properties);
    }

    private static EntityManagerFactory open(Map<String, Object> properties) {
        properties.put("jakarta.persistence.schema-generation.database.action", "none");
        properties.put(PersistenceUnitProperties.ECLIPSELINK_PERSISTENCE_XML, DESCRIPTOR);
        // No JTA here: the store demarcates its own transactions.
        properties.put(PersistenceUnitProperties.TRANSACTION_TYPE, "RESOURCE_LOCAL");
        properties.put(PersistenceUnitProperties.CLASSLOADER, ScimPersistence.class.getClassLoader());
        EntityManagerFactory factory = new PersistenceProvider().createEntityManagerFactory(UNIT, properties);
        if (factory == null) {
            throw new IllegalStateException("EclipseLink did not find persistence unit " + UNIT + " in " + DESCRIPTOR);
        }
        return factory;
    }
}

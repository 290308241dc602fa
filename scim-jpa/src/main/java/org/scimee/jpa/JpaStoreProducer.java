package org.scimee.jpa;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ResourceStore;

/**
 * Makes the JPA store the application's {@link ResourceStore} when scim-jpa is on the class path.
 *
 * <p>Configured through MicroProfile Config. Connections come from one of two places:
 * <ul>
 *   <li>{@value #URL} set (Java SE, tests, a database of the application's own): a JDBC URL, with {@value #USER},
 *       {@value #PASSWORD} and {@value #DRIVER} (inferred from the URL for H2, PostgreSQL and MariaDB);</li>
 *   <li>otherwise the container's DataSource named by {@value #DATASOURCE} (default {@value #DEFAULT_DATASOURCE},
 *       the Jakarta EE default DataSource), looked up in JNDI and given to EclipseLink as the non-JTA data source
 *       of the store's resource-local unit; the store still demarcates its own transactions on its connections, so
 *       they do not join a caller's JTA transaction. Startup fails naming both keys if the look-up finds nothing.</li>
 * </ul>
 * {@value #MIGRATE} ({@code true} by default): the store's Flyway migrations bring the tables up to date, on the
 * same URL or DataSource, when the factory is created; {@code false} to run them yourself, see {@link Migrations}.
 * The password is handed to the driver only; nothing here logs it.
 */
@ApplicationScoped
public class JpaStoreProducer {

    public static final String URL = "scimee.jpa.url";
    public static final String USER = "scimee.jpa.user";
    public static final String PASSWORD = "scimee.jpa.password";
    public static final String DRIVER = "scimee.jpa.driver";
    public static final String MIGRATE = ScimPersistence.MIGRATE;

    public static final String DATASOURCE = "scimee.jpa.datasource";
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";

    private Config config;
    private EntityManagerFactory factory;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public JpaStoreProducer() {
    }

    @Inject
    public JpaStoreProducer(Config config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    public ResourceStore store(SchemaRegistry registry) {
        return new JpaResourceStore(factory(), registry);
    }

    /**
     * Connects and migrates while the application starts, so a wrong URL, DataSource or password fails the
     * deployment with its cause instead of the first provisioning request with a 500.
     */
    void connectAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        factory();
    }

    private synchronized EntityManagerFactory factory() {
        if (factory == null) {
            factory = source(key -> config.getOptionalValue(key, String.class), JpaStoreProducer::jndi).open();
        }
        return factory;
    }

    /**
     * Where the store's connections come from: a JDBC URL ({@value #URL}, with {@value #USER}, {@value #PASSWORD},
     * {@value #DRIVER}) when one is configured, else the DataSource {@code lookup} finds under the name
     * {@value #DATASOURCE} gives (default {@value #DEFAULT_DATASOURCE}). JNDI-free, so the choice is testable.
     *
     * @param setting the configuration, key to value
     * @param lookup  finds a DataSource by JNDI name, throwing if there is none
     */
    static Source source(Function<String, Optional<String>> setting, Function<String, DataSource> lookup) {
        Map<String, String> options = new HashMap<>();
        setting.apply(MIGRATE).ifPresent(v -> options.put(MIGRATE, v));
        Optional<String> url = setting.apply(URL).map(String::strip).filter(v -> !v.isEmpty());
        if (url.isPresent()) {
            Map<String, String> properties = new HashMap<>(options);
            properties.put("jakarta.persistence.jdbc.url", url.get());
            setting.apply(USER).ifPresent(v -> properties.put("jakarta.persistence.jdbc.user", v));
            setting.apply(PASSWORD).ifPresent(v -> properties.put("jakarta.persistence.jdbc.password", v));
            // GlassFish-family servers may not find a driver that lives in the WAR unless it is named.
            setting.apply(DRIVER).or(() -> driverFor(url.get()))
                    .ifPresent(v -> properties.put("jakarta.persistence.jdbc.driver", v));
            return new Source(properties, null, null);
        }
        String name = setting.apply(DATASOURCE).map(String::strip).filter(v -> !v.isEmpty()).orElse(DEFAULT_DATASOURCE);
        DataSource dataSource;
        try {
            dataSource = lookup.apply(name);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the SCIM store found no DataSource " + name + " (" + DATASOURCE
                    + "); name the container's DataSource there, or give a JDBC URL in " + URL, e);
        }
        if (dataSource == null) {
            throw new IllegalStateException("the SCIM store found no DataSource " + name + " (" + DATASOURCE
                    + "); name the container's DataSource there, or give a JDBC URL in " + URL);
        }
        return new Source(null, dataSource, options);
    }

    /**
     * The chosen connection source: JDBC properties, or a DataSource with further unit options (exactly one of
     * the two is set).
     */
    record Source(Map<String, String> jdbcProperties, DataSource dataSource, Map<String, String> options) {
        EntityManagerFactory open() {
            return dataSource == null ? ScimPersistence.create(jdbcProperties) : ScimPersistence.create(dataSource, options);
        }
    }

    private static DataSource jndi(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource dataSource) {
                return dataSource;
            }
            throw new IllegalStateException(name + " is a " + (found == null ? "null" : found.getClass().getName())
                    + ", not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new IllegalStateException("JNDI look-up of " + name + " failed: " + e.getMessage(), e);
        }
    }

    static Optional<String> driverFor(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of("org.h2.Driver");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of("org.postgresql.Driver");
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return Optional.of("org.mariadb.jdbc.Driver");
        }
        return Optional.empty();
    }

    @PreDestroy
    synchronized void close() {
        if (factory != null && factory.isOpen()) {
            factory.close();
        }
    }
}

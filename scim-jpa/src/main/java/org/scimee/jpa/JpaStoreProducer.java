package org.scimee.jpa;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ResourceStore;

/**
 * Makes the JPA store the application's {@link ResourceStore} when scim-jpa is on the class path.
 *
 * <p>Configured through MicroProfile Config: {@value #URL} (default an H2 file database under the working
 * directory), {@value #USER}, {@value #PASSWORD}, {@value #DRIVER} (inferred from the URL for H2, PostgreSQL
 * and MariaDB) and {@value #MIGRATE} ({@code true} by default: the store's Flyway migrations bring the tables
 * up to date when the factory is created; {@code false} to run them yourself, see {@link Migrations}). The password is handed to the driver only; nothing here logs it.
 */
@ApplicationScoped
public class JpaStoreProducer {

    public static final String URL = "scimee.jpa.url";
    public static final String USER = "scimee.jpa.user";
    public static final String PASSWORD = "scimee.jpa.password";
    public static final String DRIVER = "scimee.jpa.driver";
    public static final String MIGRATE = ScimPersistence.MIGRATE;

    static final String DEFAULT_URL = "jdbc:h2:file:./scim-ee-data/scimee";

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

    private synchronized EntityManagerFactory factory() {
        if (factory == null) {
            String url = config.getOptionalValue(URL, String.class).orElse(DEFAULT_URL);
            Map<String, String> properties = new HashMap<>();
            properties.put("jakarta.persistence.jdbc.url", url);
            config.getOptionalValue(USER, String.class).ifPresent(v -> properties.put("jakarta.persistence.jdbc.user", v));
            config.getOptionalValue(PASSWORD, String.class).ifPresent(v -> properties.put("jakarta.persistence.jdbc.password", v));
            // GlassFish-family servers may not find a driver that lives in the WAR unless it is named.
            config.getOptionalValue(DRIVER, String.class).or(() -> driverFor(url))
                    .ifPresent(v -> properties.put("jakarta.persistence.jdbc.driver", v));
            config.getOptionalValue(MIGRATE, String.class).ifPresent(v -> properties.put(MIGRATE, v));
            factory = ScimPersistence.create(properties);
        }
        return factory;
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

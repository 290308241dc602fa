package org.scimee.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Brings the store's tables up to date with Flyway: versioned SQL migrations, one folder per database family
 * under {@value #ROOT} ({@code h2}, {@code postgresql}, {@code mariadb}).
 *
 * <p>The migrations are <em>listed</em> in {@link #MIGRATIONS}, not discovered: Flyway's class-path scanning has
 * to list directories inside jars, which WildFly's VFS class loader answers differently from a plain jar (and
 * Payara's from both). A custom {@link ResourceProvider} that opens each listed file with
 * {@link ClassLoader#getResourceAsStream} works wherever the class loader can load a resource at all, and an empty
 * {@link ClassProvider} keeps Flyway from scanning for Java migrations. Adding a migration means adding its file
 * to each folder and its name to the list.
 *
 * <p>Flyway's history table is {@value #HISTORY_TABLE}, so a host application's own Flyway history in the same
 * schema is left alone.
 */
public final class Migrations {

    /** The class-path folder holding one sub-folder of SQL files per database family. */
    public static final String ROOT = "org/scimee/jpa/migration/";
    /** Flyway's history table for the store's migrations. */
    public static final String HISTORY_TABLE = "scim_schema_history";
    /** Every migration, in order; each exists in every family's folder. */
    static final List<String> MIGRATIONS = List.of("V1__scim_tables.sql", "V2__scim_element.sql",
            "V3__scim_value_key_covers_resource.sql");

    private Migrations() {
    }

    /**
     * Migrates the database that the JDBC properties ({@code jakarta.persistence.jdbc.url}, {@code ...user},
     * {@code ...password}) point at.
     *
     * @throws IllegalArgumentException if the URL names a database the store has no migrations for
     */
    public static void migrate(Map<String, ?> jdbcProperties) {
        String url = string(jdbcProperties, "jakarta.persistence.jdbc.url");
        if (url == null) {
            throw new IllegalArgumentException("jakarta.persistence.jdbc.url is not set, so there is nothing to migrate");
        }
        ClassLoader loader = Migrations.class.getClassLoader();
        Flyway.configure(loader)
                .dataSource(url, string(jdbcProperties, "jakarta.persistence.jdbc.user"),
                        string(jdbcProperties, "jakarta.persistence.jdbc.password"))
                .table(HISTORY_TABLE)
                .resourceProvider(new ListedResources(loader, ROOT + family(url) + "/"))
                .javaMigrationClassProvider(new NoJavaMigrations())
                .load()
                .migrate();
    }

    /**
     * Migrates the database behind {@code dataSource} (e.g. the application server's DataSource), recognising the
     * database family from the connection's metadata.
     *
     * @throws IllegalArgumentException if it is a database the store has no migrations for
     */
    public static void migrate(DataSource dataSource) {
        String family = family(dataSource);
        ClassLoader loader = Migrations.class.getClassLoader();
        Flyway.configure(loader)
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(new ListedResources(loader, ROOT + family + "/"))
                .javaMigrationClassProvider(new NoJavaMigrations())
                .load()
                .migrate();
    }

    /** The migration folder for the database behind a DataSource, from its product name. */
    static String family(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to the store's DataSource", e);
        }
        return familyOfProduct(product);
    }

    /** The migration folder for a database product name as JDBC metadata reports it. */
    static String familyOfProduct(String product) {
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (lower.equals("h2")) {
            return "h2";
        }
        if (lower.equals("postgresql")) {
            return "postgresql";
        }
        if (lower.contains("mariadb") || lower.contains("mysql")) {
            return "mariadb";
        }
        throw new IllegalArgumentException("the JPA store has migrations for H2, PostgreSQL and MariaDB/MySQL only, not "
                + product);
    }

    /** The migration folder for a JDBC URL. */
    static String family(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        if (isMariaDb(url)) {
            return "mariadb";
        }
        throw new IllegalArgumentException("the JPA store has migrations for H2, PostgreSQL and MariaDB/MySQL only, not "
                + url.substring(0, Math.min(url.length(), 20)) + "...");
    }

    /** Whether a JDBC URL names MariaDB or MySQL (through MariaDB Connector/J). */
    static boolean isMariaDb(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:");
    }

    private static String string(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? null : value.toString();
    }

    /** Hands Flyway exactly the listed files of one folder. */
    private static final class ListedResources implements ResourceProvider {
        private final ClassLoader loader;
        private final String folder;

        ListedResources(ClassLoader loader, String folder) {
            this.loader = loader;
            this.folder = folder;
        }

        @Override
        public LoadableResource getResource(String name) {
            return MIGRATIONS.contains(name) ? new Listed(folder, name, read(folder + name)) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> found = new ArrayList<>();
            for (String name : MIGRATIONS) {
                if (name.startsWith(prefix)) {
                    for (String suffix : suffixes) {
                        if (name.endsWith(suffix)) {
                            found.add(new Listed(folder, name, read(folder + name)));
                            break;
                        }
                    }
                }
            }
            return found;
        }

        private String read(String path) {
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("migration " + path + " is missing from the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One migration's SQL, read eagerly (they are small). */
    private static final class Listed extends LoadableResource {
        private final String folder;
        private final String name;
        private final String sql;

        Listed(String folder, String name, String sql) {
            this.folder = folder;
            this.name = name;
            this.sql = sql;
        }

        @Override
        public Reader read() {
            return new StringReader(sql);
        }

        @Override
        public String getAbsolutePath() {
            return folder + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return folder + name;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }

    private static final class NoJavaMigrations implements ClassProvider<JavaMigration> {
        @Override
        public Collection<Class<? extends JavaMigration>> getClasses() {
            return List.of();
        }
    }
}

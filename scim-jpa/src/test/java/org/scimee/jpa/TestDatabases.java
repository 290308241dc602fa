package org.scimee.jpa;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Connection settings for the server databases. On CI ({@code CI=true}) an unreachable database fails the
 * build; elsewhere the test is skipped, so the H2 path still runs on a machine without the servers.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /**
     * {@code SCIMEE_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/scimee_store_test}), with
     * {@code SCIMEE_TEST_POSTGRES_USER} / {@code _PASSWORD}. The default database is created when missing, so a
     * fresh machine needs no setup step beyond a running server. Not {@code scimee_test}, which test suites of
     * earlier snapshots (EclipseLink {@code drop-and-create}) still recreate {@code scim_resource} in: on a shared
     * development machine they would pull the migrated tables from under this suite.
     */
    public static Map<String, String> postgres() {
        String url = System.getenv("SCIMEE_TEST_POSTGRES_URL");
        if (url == null || url.isEmpty()) {
            return postgres("scimee_store_test");
        }
        return reachable("org.postgresql.Driver", url, env("SCIMEE_TEST_POSTGRES_USER", "postgres"),
                env("SCIMEE_TEST_POSTGRES_PASSWORD", ""));
    }

    /**
     * The PostgreSQL database {@code database} (a plain lower-case identifier) on 127.0.0.1:5432, created when
     * missing, with {@code SCIMEE_TEST_POSTGRES_USER} / {@code _PASSWORD}.
     */
    public static Map<String, String> postgres(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        String user = env("SCIMEE_TEST_POSTGRES_USER", "postgres");
        String password = env("SCIMEE_TEST_POSTGRES_PASSWORD", "");
        createIfMissing("jdbc:postgresql://127.0.0.1:5432/postgres", user, password,
                "SELECT 1 FROM pg_database WHERE datname = '" + database + "'", "CREATE DATABASE " + database);
        return reachable("org.postgresql.Driver", "jdbc:postgresql://127.0.0.1:5432/" + database, user, password);
    }

    /**
     * {@code SCIMEE_TEST_MARIADB_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/scimee_test}), with
     * {@code SCIMEE_TEST_MARIADB_USER} (default {@code root}) / {@code _PASSWORD} (default empty). The default
     * database is created when missing.
     */
    static Map<String, String> mariadb() {
        String user = env("SCIMEE_TEST_MARIADB_USER", "root");
        String password = env("SCIMEE_TEST_MARIADB_PASSWORD", "");
        String url = System.getenv("SCIMEE_TEST_MARIADB_URL");
        if (url == null || url.isEmpty()) {
            url = "jdbc:mariadb://127.0.0.1:3306/scimee_test";
            createIfMissing("jdbc:mariadb://127.0.0.1:3306/", user, password,
                    "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'scimee_test'",
                    "CREATE DATABASE scimee_test CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        }
        return reachable("org.mariadb.jdbc.Driver", url, user, password);
    }

    /**
     * Drops the store's tables when they were not made by the store's migrations (no Flyway history table): the test
     * databases are shared with earlier runs and other branches, which may have left tables of another shape. Tables
     * the migrations made are kept, so concurrent runs (each with its own tenants) do not pull the data from under
     * each other.
     */
    static void dropStoreTables(Map<String, String> properties) {
        String url = properties.get("jakarta.persistence.jdbc.url");
        String cascade = url.startsWith("jdbc:postgresql:") ? " CASCADE" : "";
        try (Connection connection = DriverManager.getConnection(url, properties.get("jakarta.persistence.jdbc.user"),
                properties.get("jakarta.persistence.jdbc.password"));
             Statement statement = connection.createStatement()) {
            try (ResultSet history = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (history.next()) {
                    if (history.getString("TABLE_NAME").equalsIgnoreCase(Migrations.HISTORY_TABLE)) {
                        return;
                    }
                }
            }
            for (String table : new String[] {"scim_element", "scim_unique", "scim_value", "scim_resource", "scim_schema_history"}) {
                statement.execute("DROP TABLE IF EXISTS " + table + cascade);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reset the test database " + url, e);
        }
    }

    /**
     * Refreshes the planner statistics of the store's tables, as autovacuum (PostgreSQL) or InnoDB's persistent
     * statistics would soon after a bulk load; right after one, PostgreSQL's planner still believes the tables
     * empty and picks nested loops that cost seconds.
     */
    public static void analyze(Map<String, String> properties) {
        String url = properties.get("jakarta.persistence.jdbc.url");
        try (Connection connection = DriverManager.getConnection(url, properties.get("jakarta.persistence.jdbc.user"),
                properties.get("jakarta.persistence.jdbc.password"));
             Statement statement = connection.createStatement()) {
            if (url.startsWith("jdbc:postgresql:")) {
                statement.execute("ANALYZE scim_resource, scim_value, scim_unique, scim_element");
            } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
                statement.execute("ANALYZE TABLE scim_resource, scim_value, scim_unique, scim_element");
            } else {
                statement.execute("ANALYZE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not analyze the test database " + url, e);
        }
    }

    private static void createIfMissing(String adminUrl, String user, String password, String exists, String create) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            try (ResultSet found = statement.executeQuery(exists)) {
                if (found.next()) {
                    return;
                }
            }
            statement.execute(create);
        } catch (SQLException e) {
            // Reported by reachable(), which fails on CI and skips elsewhere.
        }
    }

    private static Map<String, String> reachable(String driver, String url, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return Map.of(
                    "jakarta.persistence.jdbc.driver", driver,
                    "jakarta.persistence.jdbc.url", url,
                    "jakarta.persistence.jdbc.user", user,
                    "jakarta.persistence.jdbc.password", password);
        } catch (SQLException e) {
            String message = "database " + url + " is not reachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true: the server databases must run; .ci/run starts them)");
            }
            Assumptions.abort(message);
            throw new AssertionError("unreachable");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}

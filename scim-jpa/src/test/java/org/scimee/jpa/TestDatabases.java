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
     * {@code SCIMEE_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/scimee_test}), with
     * {@code SCIMEE_TEST_POSTGRES_USER} / {@code _PASSWORD}. The default database is created when missing, so a
     * fresh machine needs no setup step beyond a running server.
     */
    public static Map<String, String> postgres() {
        String user = env("SCIMEE_TEST_POSTGRES_USER", "postgres");
        String password = env("SCIMEE_TEST_POSTGRES_PASSWORD", "");
        String url = System.getenv("SCIMEE_TEST_POSTGRES_URL");
        if (url == null || url.isEmpty()) {
            url = "jdbc:postgresql://127.0.0.1:5432/scimee_test";
            createIfMissing("jdbc:postgresql://127.0.0.1:5432/postgres", user, password,
                    "SELECT 1 FROM pg_database WHERE datname = 'scimee_test'", "CREATE DATABASE scimee_test");
        }
        return reachable("org.postgresql.Driver", url, user, password);
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

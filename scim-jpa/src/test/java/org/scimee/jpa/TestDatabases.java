package org.scimee.jpa;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Connection settings for the server databases. On CI ({@code CI=true}) an unreachable database fails the
 * build; elsewhere the test is skipped, so the H2 path still runs on a machine without the servers.
 */
final class TestDatabases {

    private TestDatabases() {
    }

    static Map<String, String> postgres() {
        return reachable("org.postgresql.Driver",
                env("SCIMEE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/scimee_test"),
                env("SCIMEE_TEST_POSTGRES_USER", "postgres"),
                env("SCIMEE_TEST_POSTGRES_PASSWORD", ""));
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

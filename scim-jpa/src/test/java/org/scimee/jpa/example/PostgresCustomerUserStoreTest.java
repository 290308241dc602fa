package org.scimee.jpa.example;

import java.util.Map;
import org.scimee.jpa.TestDatabases;

/** The same behaviour on PostgreSQL: the JPQL (NULLS LAST, LIKE ... ESCAPE, LOWER) is not H2-only. */
class PostgresCustomerUserStoreTest extends CustomerUserStoreTest {

    @Override
    Map<String, String> jdbcProperties() {
        return TestDatabases.postgres();
    }
}

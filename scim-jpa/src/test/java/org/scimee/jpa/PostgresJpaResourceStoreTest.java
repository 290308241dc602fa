package org.scimee.jpa;

import java.util.Map;

class PostgresJpaResourceStoreTest extends JpaResourceStoreContract {

    @Override
    Map<String, String> jdbcProperties() {
        return TestDatabases.postgres();
    }
}

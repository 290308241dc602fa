package org.scimee.jpa;

import java.util.Map;

class PostgresJpaResourceStoreTest extends JpaQueryContract {

    @Override
    Map<String, String> jdbcProperties() {
        return TestDatabases.postgres();
    }
}

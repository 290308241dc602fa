package org.scimee.jpa;

import java.util.Map;

class MariaDbJpaResourceStoreTest extends JpaQueryContract {

    @Override
    Map<String, String> jdbcProperties() {
        return TestDatabases.mariadb();
    }
}

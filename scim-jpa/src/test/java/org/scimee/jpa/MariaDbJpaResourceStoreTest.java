package org.scimee.jpa;

import java.util.Map;

class MariaDbJpaResourceStoreTest extends JpaResourceStoreContract {

    @Override
    Map<String, String> jdbcProperties() {
        return TestDatabases.mariadb();
    }
}

package org.scimee.jpa;

import java.util.Map;

class H2JpaResourceStoreTest extends JpaQueryContract {

    @Override
    Map<String, String> jdbcProperties() {
        return Map.of(
                "jakarta.persistence.jdbc.driver", "org.h2.Driver",
                "jakarta.persistence.jdbc.url", "jdbc:h2:mem:scimee-store;DB_CLOSE_DELAY=-1");
    }
}

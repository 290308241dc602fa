package org.scimee.jpa.example;

import java.util.Map;

class H2CustomerUserStoreTest extends CustomerUserStoreTest {

    @Override
    Map<String, String> jdbcProperties() {
        return Map.of(
                "jakarta.persistence.jdbc.driver", "org.h2.Driver",
                "jakarta.persistence.jdbc.url", "jdbc:h2:mem:customers;DB_CLOSE_DELAY=-1");
    }
}

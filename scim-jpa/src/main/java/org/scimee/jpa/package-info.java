/**
 * The JPA resource store ({@link org.scimee.jpa.JpaResourceStore}): EclipseLink for the resource rows, JDBC on
 * the same transaction's connection for the index rows and the queries.
 *
 * <h2>Connections</h2> (MicroProfile Config, read by {@link org.scimee.jpa.JpaStoreProducer})
 * <ul>
 *   <li>{@code scimee.jpa.url}: a JDBC URL (Java SE, tests, a database of the application's own), with
 *       {@code scimee.jpa.user}, {@code scimee.jpa.password} and {@code scimee.jpa.driver} (inferred for H2,
 *       PostgreSQL and MariaDB); when set it wins;</li>
 *   <li>{@code scimee.jpa.datasource}: otherwise, the JNDI name of the container's DataSource (default
 *       {@code java:comp/DefaultDataSource}, on Payara and WildFly alike); EclipseLink gets it as the non-JTA
 *       data source of the store's resource-local unit, so the store still commits its own transactions, and the
 *       migrations run on it too; on MariaDB/MySQL its connections are switched to READ COMMITTED;</li>
 *   <li>{@code scimee.jpa.migrate}: {@code false} to run the migrations yourself.</li>
 * </ul>
 * The container's default DataSource is a stand-in on some servers (WildFly's {@code ExampleDS} is an in-memory H2
 * database, Payara's {@code jdbc/__default} an embedded H2 file): name a real one in {@code scimee.jpa.datasource}.
 * The store commits its own local transactions on the DataSource's connections, so it must not be called inside a
 * JTA transaction of the caller (the JAX-RS endpoints never are); a DataSource marked non-JTA ({@code jta="false"}
 * on WildFly, {@code non-transactional-connections} on Payara) avoids the question.
 *
 * <h2>Tables</h2> (created and evolved only by the Flyway migrations in {@link org.scimee.jpa.Migrations};
 * EclipseLink generates no DDL; every table carries the tenant)
 * <ul>
 *   <li>{@code scim_resource(tenant, resource_type, id, data, created_ms, last_modified_ms, version)}, primary key
 *       {@code (tenant, resource_type, id)}: the resource's JSON exactly as given, and the store's metadata;</li>
 *   <li>{@code scim_value(tenant, resource_type, resource_id, path, element, k_key, v_key, v_sort, v_num, present,
 *       is_sort)}: one row per attribute value, rewritten with the resource in the same transaction (see
 *       {@link org.scimee.jpa.ValueRows}); indexes {@code (tenant, resource_type, path, k_key, resource_id, element)}
 *       for string equality and prefixes (V3: covering, so a look-up by value reads the index alone), {@code (tenant, resource_type, path, v_num)} for numbers and dateTimes, and
 *       {@code (tenant, resource_type, resource_id, path, element)} for a resource's own rows;</li>
 *   <li>{@code scim_unique(tenant, resource_type, path, value_key, resource_id)}, primary key
 *       {@code (tenant, resource_type, path, value_key)}: the SHA-256 of each value that must be unique;</li>
 *   <li>{@code scim_element(tenant, resource_type, resource_id, path, position, value_key, element_json)} (V2),
 *       primary key {@code (tenant, resource_type, resource_id, path, position)}, index
 *       {@code (tenant, resource_type, resource_id, path, value_key)}: the elements of the attributes kept out of
 *       the document ({@link org.scimee.jpa.Elements}: multi-valued complex core attributes with {@code value} and a
 *       {@code $ref} to resource types, i.e. {@code Group.members}, {@code User.groups}), one row each, so a PATCH
 *       adding or removing one member writes one row (plus that member's {@code scim_value} rows); their
 *       {@code scim_value} rows use {@code position} as {@code element}. Documents stored before V2 keep such arrays
 *       inline: they are read as they are, and moved to rows by the first update of the resource, or all at
 *       once, without new versions, by {@link org.scimee.jpa.JpaResourceStore#moveInlineElements()} (the SQL
 *       migration cannot do it: which attributes become rows depends on the schemas the application registers);</li>
 *   <li>the child tables reference {@code scim_resource} with {@code ON DELETE CASCADE}.</li>
 * </ul>
 * A PATCH that adds or removes members by {@code value} reads only those members:
 * {@link org.scimee.jpa.JpaResourceStore#findPartial} finds their positions through {@code scim_value} (path
 * {@code members.value}, {@code k_key} the value as filters compare it) and reads just those {@code scim_element}
 * rows; answered with 204 (or without {@code members}), the update reads no element rows back
 * ({@code update(..., Projection)}). So adding one member to a group of 100,000 touches a bounded number of rows.
 * <p>
 * Deleting a resource removes the elements that refer to it from multi-valued complex attributes with
 * {@code value} and a {@code $ref} listing its type (e.g. {@code Group.members}), in the same transaction; the
 * referring resources are found through {@code scim_value} (path {@code members.value}, {@code k_key} the id).
 * <p>
 * Strings are compared byte-wise everywhere ({@code COLLATE "C"} on PostgreSQL, {@code utf8mb4_nopad_bin} on
 * MariaDB, H2's default), and case-insensitive attributes are folded in Java when written, so no expression index
 * ({@code lower(x)}) is needed and every database agrees with the in-memory evaluator.
 *
 * <h2>Known differences from the in-memory reference</h2>
 * <ul>
 *   <li>Numbers are kept as DECIMAL(65, 30): more than 30 fraction digits are rounded, more than 35 integer digits
 *       are not indexed (such a value then matches no comparison, only {@code pr}).</li>
 *   <li>H2 orders strings by UTF-16 code unit, PostgreSQL and MariaDB by code point (as {@code SortSpec} does); they
 *       differ only between supplementary characters and U+E000..U+FFFF. MariaDB sorts by the first
 *       {@code max_sort_length} bytes (1024 by default) of a value.</li>
 *   <li>PostgreSQL cannot store U+0000 in text: a string value containing it fails the write.</li>
 *   <li>Index rows are computed from the schema when a resource is written: after changing an attribute's type,
 *       {@code caseExact} or {@code uniqueness}, re-store the affected resources.</li>
 * </ul>
 */
package org.scimee.jpa;

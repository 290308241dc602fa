package org.scimee.jpa.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimee.error.InvalidCursorException;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.error.InvalidValueException;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.error.UniquenessException;
import org.scimee.filter.Filter;
import org.scimee.patch.CompatibilityProfile;
import org.scimee.patch.PatchEngine;
import org.scimee.patch.PatchRequest;
import org.scimee.patch.PatchResult;
import org.scimee.projection.Projection;
import org.scimee.query.SortSpec;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ChangeSet;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/** The example store, with the customer table an application would already have; subclasses say which database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomerUserStoreTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();
    private final ResourceType users = registry.resourceType("User").orElseThrow();
    private final ResourceValidator validator = new ResourceValidator(registry);
    private EntityManagerFactory factory;
    private CustomerUserStore store;
    /** A fresh tenant per test: the tests share one database and must not see each other's customers. */
    private String tenant;

    /** JDBC properties for the database under test. */
    abstract Map<String, String> jdbcProperties();

    @BeforeAll
    void connect() {
        Map<String, Object> properties = new HashMap<>(jdbcProperties());
        properties.put(PersistenceUnitProperties.ECLIPSELINK_PERSISTENCE_XML, "META-INF/customers-persistence.xml");
        properties.put(PersistenceUnitProperties.LOGGING_LOGGER, SqlLog.class.getName());
        properties.put(PersistenceUnitProperties.CATEGORY_LOGGING_LEVEL_ + "sql", "FINE");
        factory = new PersistenceProvider().createEntityManagerFactory("customers", properties);
        store = new CustomerUserStore(factory, registry);
    }

    @AfterAll
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @BeforeEach
    void freshTenant() {
        tenant = "tenant-" + UUID.randomUUID();
    }

    // ---------------------------------------------------------------- mapping

    @Test
    void aCreatedUserRoundTripsAndIsACustomerRow() {
        StoredResource created = store.create(tenant, users, user("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],"active":true}"""));

        assertThat(created.id()).matches("[1-9][0-9]*");
        assertThat(created.resourceType()).isEqualTo("User");
        assertThat(created.meta().version()).isEqualTo(1);
        assertThat(created.meta().lastModified()).isEqualTo(created.meta().created());
        assertThat(created.attributes()).isEqualTo(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen",
                 "name":{"givenName":"Barbara","familyName":"Jensen"},
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],"active":true}"""));
        assertThat(store.find(tenant, users, created.id())).contains(created);

        Customer row = row(created.id());
        assertThat(row.getTenant()).isEqualTo(tenant);
        assertThat(row.getLogin()).isEqualTo("bjensen");
        assertThat(row.getEmail()).isEqualTo("bjensen@example.com");
        assertThat(row.getFirstName()).isEqualTo("Barbara");
        assertThat(row.getLastName()).isEqualTo("Jensen");
        assertThat(row.isActive()).isTrue();
        assertThat(row.getVersion()).isEqualTo(1);
    }

    @Test
    void aMinimalUserComesBackInTheShapeTheTableHolds() {
        StoredResource created = store.create(tenant, users, user("""
                {"userName":"min","emails":[{"value":"min@example.com"}]}"""));
        // active has a NOT NULL column defaulting to true; the one address is the primary work address
        assertThat(created.attributes()).isEqualTo(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"min",
                 "emails":[{"value":"min@example.com","type":"work","primary":true}],"active":true}"""));
        assertThat(row(created.id()).isActive()).isTrue();
    }

    @Test
    void aCustomerTheApplicationInsertedIsAUser() {
        long id = inApp(em -> {
            Customer customer = new Customer(tenant, "legacy.login");
            customer.setEmail("legacy@example.com");
            customer.setLastName("Legacy");
            customer.setActive(false);
            em.persist(customer);
            em.flush();
            return customer.getId();
        });

        StoredResource user = store.find(tenant, users, Long.toString(id)).orElseThrow();
        assertThat(user.attributes()).isEqualTo(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"legacy.login",
                 "name":{"familyName":"Legacy"},
                 "emails":[{"value":"legacy@example.com","type":"work","primary":true}],"active":false}"""));
        assertThat(user.meta().version()).isEqualTo(1);
        assertThat(ids(query("userName eq \"LEGACY.login\""))).containsExactly(Long.toString(id));

        // the application's own change moves the ETag, so a SCIM client holding the old one gets 412
        inApp(em -> {
            em.find(Customer.class, id).setFirstName("Lee");
            return null;
        });
        assertThat(store.find(tenant, users, Long.toString(id)).orElseThrow().meta().version()).isEqualTo(2);
        assertThatThrownBy(() -> store.replace(tenant, users, Long.toString(id), user("{\"userName\":\"x\"}"),
                OptionalLong.of(1))).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void attributesTheTableCannotHoldAreRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> store.create(tenant, users, user("""
                {"userName":"x","displayName":"X","externalId":"e-1","name":{"formatted":"Mr X","givenName":"X"}}""")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("cannot hold displayName, externalId, name.formatted;");
        assertThatThrownBy(() -> store.create(tenant, users, user("""
                {"userName":"x","emails":[{"value":"a@example.com","type":"work"},{"value":"b@example.com","type":"home"}]}""")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("more than one of emails");
        assertThatThrownBy(() -> store.create(tenant, users, user("""
                {"userName":"x","emails":[{"value":"b@example.com","type":"home"}]}""")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("emails.type");
        assertThatThrownBy(() -> store.create(tenant, users, user("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"x",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7"}}""")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("employeeNumber");
        assertThatThrownBy(() -> store.create(tenant, users, user("{\"userName\":\"" + "x".repeat(101) + "\"}")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("100 characters");

        assertThat(query(null).totalResults()).isZero();
    }

    // ---------------------------------------------------------------- writes, versions, 404 / 409 / 412

    @Test
    void replaceKeepsIdAndCreatedAndBumpsTheVersion() {
        StoredResource created = store.create(tenant, users, user("""
                {"userName":"before","name":{"givenName":"B"},"emails":[{"value":"b@example.com"}]}"""));

        StoredResource replaced = store.replace(tenant, users, created.id(),
                user("{\"userName\":\"after\",\"active\":false}"), OptionalLong.of(1));

        assertThat(replaced.id()).isEqualTo(created.id());
        assertThat(replaced.meta().created()).isEqualTo(created.meta().created());
        assertThat(replaced.meta().version()).isEqualTo(2);
        assertThat(replaced.attributes()).isEqualTo(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"after","active":false}"""));
        assertThat(store.find(tenant, users, created.id())).contains(replaced);
        Customer row = row(created.id());
        assertThat(row.getFirstName()).isNull();
        assertThat(row.getEmail()).isNull();
        assertThat(row.isActive()).isFalse();
    }

    @Test
    void aReplaceThatChangesNothingKeepsTheVersion() {
        StoredResource created = store.create(tenant, users, user("{\"userName\":\"same\"}"));
        StoredResource replaced = store.replace(tenant, users, created.id(), created.attributes(), OptionalLong.of(1));
        assertThat(replaced.meta().version()).isEqualTo(1);
        assertThat(replaced).isEqualTo(created);
    }

    @Test
    void staleVersionsAre412AndChangeNothing() {
        StoredResource created = store.create(tenant, users, user("{\"userName\":\"v1\"}"));
        store.replace(tenant, users, created.id(), user("{\"userName\":\"v2\"}"), OptionalLong.empty());

        assertThatThrownBy(() -> store.replace(tenant, users, created.id(), user("{\"userName\":\"v3\"}"),
                OptionalLong.of(1))).isInstanceOf(PreconditionFailedException.class).hasMessageContaining("W/\"2\"");
        assertThatThrownBy(() -> store.delete(tenant, users, created.id(), OptionalLong.of(1)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(row(created.id()).getLogin()).isEqualTo("v2");
        assertThat(row(created.id()).getVersion()).isEqualTo(2);
    }

    @Test
    void deleteRemovesTheRowAndUnknownIdsAre404() {
        StoredResource created = store.create(tenant, users, user("{\"userName\":\"gone\"}"));
        store.delete(tenant, users, created.id(), OptionalLong.of(1));

        assertThat(store.find(tenant, users, created.id())).isEmpty();
        Customer row = inApp(em -> em.find(Customer.class, Long.parseLong(created.id())));
        assertThat(row).isNull();
        assertThatThrownBy(() -> store.delete(tenant, users, created.id(), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.replace(tenant, users, created.id(), user("{\"userName\":\"x\"}"),
                OptionalLong.empty())).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.update(tenant, users, "not-a-number", ChangeSet.empty(), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void idsAreTheCustomerIdsSpelledCanonically() {
        StoredResource created = store.create(tenant, users, user("{\"userName\":\"num\"}"));
        assertThat(store.find(tenant, users, "0" + created.id())).isEmpty();
        assertThat(store.find(tenant, users, created.id() + " ")).isEmpty();
        assertThat(store.find(tenant, users, "abc")).isEmpty();
    }

    @Test
    void tenantsAreIsolated() {
        StoredResource mine = store.create(tenant, users, user("{\"userName\":\"shared.name\"}"));
        String other = "other-" + tenant;

        assertThat(store.find(other, users, mine.id())).isEmpty();
        assertThatThrownBy(() -> store.replace(other, users, mine.id(), user("{\"userName\":\"x\"}"), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.delete(other, users, mine.id(), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(store.query(other, users, new ResourceQuery(null, Optional.empty(), new Page.Index(1, 10),
                Projection.defaults(registry, users))).totalResults()).isZero();
        // uniqueness is per tenant: the other tenant may have the same userName
        StoredResource theirs = store.create(other, users, user("{\"userName\":\"shared.name\"}"));
        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(row(mine.id()).getLogin()).isEqualTo("shared.name");
        assertThat(ids(query(null))).containsExactly(mine.id());
    }

    @Test
    void userNamesAreUniquePerTenantIgnoringCase() {
        StoredResource first = store.create(tenant, users, user("{\"userName\":\"bjensen\"}"));
        StoredResource second = store.create(tenant, users, user("{\"userName\":\"other\"}"));

        assertThatThrownBy(() -> store.create(tenant, users, user("{\"userName\":\"BJensen\"}")))
                .isInstanceOf(UniquenessException.class).hasMessageContaining("BJensen")
                .satisfies(e -> assertThat(((UniquenessException) e).status()).isEqualTo(409));
        assertThatThrownBy(() -> store.replace(tenant, users, second.id(), user("{\"userName\":\"BJENSEN\"}"),
                OptionalLong.empty())).isInstanceOf(UniquenessException.class);
        assertThat(row(second.id()).getLogin()).isEqualTo("other");
        // a User may change the case of its own userName
        assertThat(store.replace(tenant, users, first.id(), user("{\"userName\":\"BJensen\"}"), OptionalLong.empty())
                .attributes().getString("userName")).isEqualTo("BJensen");
        assertThat(query(null).totalResults()).isEqualTo(2);
    }

    @Test
    void theTablesUniqueConstraintIsRecognisedAsA409() {
        // a concurrent writer passing the store's check would hit the table's constraint; this is the exception
        // EclipseLink and H2 raise then, which the store turns into 409
        store.create(tenant, users, user("{\"userName\":\"taken\"}"));
        Throwable duplicate = org.assertj.core.api.Assertions.catchThrowable(() -> inApp(em -> {
            em.persist(new Customer(tenant, "taken"));
            em.flush();
            return null;
        }));
        assertThat(duplicate).isInstanceOf(jakarta.persistence.PersistenceException.class);
        assertThat(CustomerUserStore.isUniqueViolation(duplicate)).isTrue();
        assertThat(CustomerUserStore.isUniqueViolation(new jakarta.persistence.PersistenceException("other"))).isFalse();
    }

    // ---------------------------------------------------------------- PATCH

    @Test
    void patchGoesThroughTheChangeSetInOneTransaction() {
        StoredResource created = store.create(tenant, users, user("""
                {"userName":"patched","name":{"givenName":"Pat"},"active":true}"""));

        PatchResult result = patch(created, """
                {"Operations":[{"op":"replace","path":"active","value":false},
                               {"op":"add","path":"name.familyName","value":"Smith"}]}""");
        StoredResource patched = store.update(tenant, users, created.id(), result.changes(),
                OptionalLong.of(created.meta().version()));

        assertThat(patched.meta().version()).isEqualTo(2);
        assertThat(patched.attributes()).isEqualTo(result.attributes());
        Customer row = row(created.id());
        assertThat(row.isActive()).isFalse();
        assertThat(row.getFirstName()).isEqualTo("Pat");
        assertThat(row.getLastName()).isEqualTo("Smith");
        assertThat(row.getVersion()).isEqualTo(2);

        // changes computed against version 1 are too late now
        assertThatThrownBy(() -> store.update(tenant, users, created.id(), result.changes(), OptionalLong.of(1)))
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void aPatchAddingWhatTheTableCannotHoldIsRefused() {
        StoredResource created = store.create(tenant, users, user("{\"userName\":\"strict\"}"));
        PatchResult result = patch(created, """
                {"Operations":[{"op":"add","path":"displayName","value":"Strict"},
                               {"op":"replace","path":"active","value":false}]}""");

        assertThatThrownBy(() -> store.update(tenant, users, created.id(), result.changes(), OptionalLong.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("displayName");
        assertThat(row(created.id()).isActive()).isTrue();
        assertThat(row(created.id()).getVersion()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- queries

    @Test
    void filtersOnMappedAttributesAreAnsweredByTheDatabase() {
        String ann = id("{\"userName\":\"ann\",\"name\":{\"givenName\":\"Ann\",\"familyName\":\"Lee\"},"
                + "\"emails\":[{\"value\":\"ann@example.com\"}]}");
        String bob = id("{\"userName\":\"Bob_1\",\"name\":{\"familyName\":\"Brown\"},\"active\":false,"
                + "\"emails\":[{\"value\":\"bob@example.org\"}]}");
        String cat = id("{\"userName\":\"cat%\"}");

        assertThat(ids(query("userName eq \"ANN\""))).containsExactly(ann);
        assertThat(ids(query("userName sw \"b\""))).containsExactly(bob);
        assertThat(ids(query("userName co \"_\""))).containsExactly(bob);
        assertThat(ids(query("userName ew \"%\""))).containsExactly(cat);
        assertThat(ids(query("userName co \"%\" or userName co \"_\""))).containsExactly(bob, cat);
        assertThat(ids(query("emails co \"EXAMPLE.COM\""))).containsExactly(ann);
        assertThat(ids(query("emails.value ew \".org\""))).containsExactly(bob);
        assertThat(ids(query("emails pr"))).containsExactly(ann, bob);
        assertThat(ids(query("not (emails pr)"))).containsExactly(cat);
        assertThat(ids(query("name.givenName pr"))).containsExactly(ann);
        assertThat(ids(query("name pr"))).containsExactly(ann, bob);
        assertThat(ids(query("name eq null"))).containsExactly(cat);
        assertThat(ids(query("name.familyName ne \"lee\""))).containsExactly(bob, cat);
        assertThat(ids(query("active eq false"))).containsExactly(bob);
        assertThat(ids(query("active eq true and (name.familyName eq \"Lee\" or userName eq \"cat%\")")))
                .containsExactly(ann, cat);
        assertThat(ids(query("not (userName eq \"ann\") and not (active eq false)"))).containsExactly(cat);
        assertThat(ids(query("id eq \"" + bob + "\""))).containsExactly(bob);
        assertThat(ids(query("id eq \"0" + bob + "\""))).isEmpty();
        assertThat(ids(query("id ne \"" + bob + "\""))).containsExactly(ann, cat);

        SqlLog.clear();
        assertThat(ids(query("userName co \"nn\""))).containsExactly(ann);
        assertThat(SqlLog.statements()).isNotEmpty()
                .allSatisfy(sql -> assertThat(sql).containsIgnoringCase("LIKE").containsIgnoringCase("LOWER("));
    }

    @Test
    void attributesTheTableNeverHoldsAreUnassignedForEveryone() {
        String ann = id("{\"userName\":\"ann\"}");
        String bob = id("{\"userName\":\"bob\"}");

        assertThat(ids(query("displayName pr"))).isEmpty();
        assertThat(ids(query("externalId eq \"x\""))).isEmpty();
        assertThat(ids(query("externalId ne \"x\""))).containsExactly(ann, bob);
        assertThat(ids(query("not (displayName pr) and userName eq \"bob\""))).containsExactly(bob);
        assertThat(ids(query("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq null")))
                .containsExactly(ann, bob);
    }

    @Test
    void filtersTheStoreCannotAnswerAreInvalidFilterNamingWhat() {
        id("{\"userName\":\"ann\"}");
        assertThatThrownBy(() -> query("userName gt \"a\"")).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("cannot filter on userName with gt");
        assertThatThrownBy(() -> query("emails[type eq \"work\"]")).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("[...] on emails");
        assertThatThrownBy(() -> query("meta.lastModified gt \"2020-01-01T00:00:00Z\""))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("meta.lastModified");
        assertThatThrownBy(() -> query("emails.type eq \"work\"")).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("emails.type");
        assertThatThrownBy(() -> query("id sw \"1\"")).isInstanceOf(InvalidFilterException.class);
        // the library's own schema checks come first, as from any other store
        assertThatThrownBy(() -> query("nickName2 eq \"x\"")).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> query("active eq \"yes\"")).isInstanceOf(InvalidFilterException.class);
    }

    @Test
    void sortingAndIndexPaging() {
        String c = id("{\"userName\":\"c\",\"name\":{\"familyName\":\"alpha\"}}");
        String a = id("{\"userName\":\"A\"}");
        String b = id("{\"userName\":\"b\",\"name\":{\"familyName\":\"Beta\"}}");
        String d = id("{\"userName\":\"D\",\"name\":{\"familyName\":\"ALPHA\"}}");

        assertThat(ids(query(null, "userName", "ascending", 1, 10))).containsExactly(a, b, c, d);
        assertThat(ids(query(null, "userName", "descending", 1, 10))).containsExactly(d, c, b, a);
        // no familyName: last ascending, first descending; ties by id
        assertThat(ids(query(null, "name.familyName", "ascending", 1, 10))).containsExactly(c, d, b, a);
        assertThat(ids(query(null, "name.familyName", "descending", 1, 10))).containsExactly(a, b, c, d);
        // displayName has no column: everybody ties, so the order is by id
        assertThat(ids(query(null, "displayName", "ascending", 1, 10))).containsExactly(c, a, b, d);

        QueryResult second = query("userName ne \"zzz\"", "userName", null, 2, 2);
        assertThat(second.totalResults()).isEqualTo(4);
        assertThat(ids(second)).containsExactly(b, c);
        assertThat(ids(query(null, "userName", null, 4, 10))).containsExactly(d);
        QueryResult countOnly = query(null, null, null, 1, 0);
        assertThat(countOnly.totalResults()).isEqualTo(4);
        assertThat(countOnly.resources()).isEmpty();
        assertThat(query(null, null, null, 9, 10).resources()).isEmpty();

        assertThatThrownBy(() -> query(null, "meta.lastModified", null, 1, 10)).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> query(null, "name", null, 1, 10)).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void cursorPagingWalksAllPagesAndRefusesForeignCursors() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(id("{\"userName\":\"user" + i + "\"}"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            QueryResult page = store.query(tenant, users, new ResourceQuery(null, SortSpec.parse("userName", null),
                    new Page.Cursor(cursor, 2), Projection.defaults(registry, users)));
            assertThat(page.totalResults()).isEqualTo(5);
            seen.addAll(ids(page));
            assertThat(page.previousCursor() == null).isEqualTo(pages == 0);
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(all);

        assertThatThrownBy(() -> store.query(tenant, users, new ResourceQuery(null, Optional.empty(),
                new Page.Cursor("not-ours", 2), Projection.defaults(registry, users))))
                .isInstanceOf(InvalidCursorException.class);
    }

    // ---------------------------------------------------------------- helpers

    /** What the service hands a store: the body validated and made canonical. */
    private JsonObject user(String body) {
        return validator.forCreate(users, json(body));
    }

    private String id(String body) {
        return store.create(tenant, users, user(body)).id();
    }

    private PatchResult patch(StoredResource current, String operations) {
        JsonObject body = Json.createObjectBuilder(json(operations))
                .add("schemas", Json.createArrayBuilder().add(PatchRequest.PATCH_OP)).build();
        return new PatchEngine(registry).apply(users, current.attributes(),
                PatchRequest.parse(body, CompatibilityProfile.DEFAULT), CompatibilityProfile.DEFAULT);
    }

    private QueryResult query(String filter) {
        return query(filter, null, null, 1, 100);
    }

    private QueryResult query(String filter, String sortBy, String sortOrder, int startIndex, int count) {
        return store.query(tenant, users, new ResourceQuery(filter == null ? null : Filter.parse(filter),
                SortSpec.parse(sortBy, sortOrder), new Page.Index(startIndex, count), Projection.defaults(registry, users)));
    }

    private static List<String> ids(QueryResult result) {
        return result.resources().stream().map(StoredResource::id).toList();
    }

    /** The row as the application sees it, read with plain JPA. */
    private Customer row(String id) {
        return inApp(em -> em.find(Customer.class, Long.parseLong(id)));
    }

    /** Work the application does with its own entity manager, outside the SCIM store. */
    private <T> T inApp(java.util.function.Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

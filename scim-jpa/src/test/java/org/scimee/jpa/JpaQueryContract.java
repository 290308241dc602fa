package org.scimee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimee.error.InvalidCursorException;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.error.ScimException;
import org.scimee.error.UniquenessException;
import org.scimee.filter.Filter;
import org.scimee.filter.FilterEvaluator;
import org.scimee.path.AttributePath;
import org.scimee.projection.Projection;
import org.scimee.query.SortOrder;
import org.scimee.query.SortSpec;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;
import org.scimee.store.memory.InMemoryQuery;

/**
 * Queries on every database: hand-written cases for each construct, and a cross-check of random filters and sorts
 * against {@link InMemoryQuery} (the reference semantics) on the same random users.
 */
abstract class JpaQueryContract extends JpaPartialPatchContract {

    private static final String E = RandomData.E;
    private static final String X = RandomData.X;

    /** The hand-written users, in their own tenant. */
    private final String people = "people-" + UUID.randomUUID();
    private final List<StoredResource> peopleStored = new ArrayList<>();

    @BeforeAll
    void createPeople() {
        for (String user : List.of(
                """
                {"userName":"bjensen","displayName":"Barbara Jensen","title":"Tour Guide","active":true,
                 "name":{"givenName":"Barbara","familyName":"Jensen"},
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
                 "$ENT":{"employeeNumber":"701984","manager":{"value":"m1","displayName":"John Smith"}},
                 "$EXTRA":{"level":3,"score":1.5,"hired":"2020-01-01T10:00:00Z","vip":true,"code":"AbC","badgeNumber":"X1",
                         "tags":["red","Blue"],"badges":[{"value":"gold","level":2},{"value":"silver","level":5,"primary":true}]}}""",
                """
                {"userName":"Alice","displayName":"100% real_name!","active":false,
                 "emails":[{"value":"alice@work.example.com","type":"home"},{"value":"a@home.example","type":"work"}],
                 "$EXTRA":{"level":-1,"score":1.50,"hired":"2020-01-01T11:00:00+01:00","vip":false,"code":"abc",
                         "tags":["blue"],"badges":[{"value":"bronze","level":1}]}}""",
                """
                {"userName":"carol","displayName":"c\\\\path","title":"",
                 "emails":[{"value":"CAROL@EXAMPLE.COM"}],
                 "$EXTRA":{"level":10,"score":-0.25,"hired":"2019-06-01T00:00:00","homepage":"https://Example.com/Carol"}}""",
                """
                {"userName":"dave","displayName":"100 real name"}""")) {
            peopleStored.add(store.create(people, users, json(user.replace("$ENT", TestSchemas.ENTERPRISE)
                    .replace("$EXTRA", TestSchemas.EXTRA))));
        }
    }

    @Test
    void everyOperatorOnStrings() {
        assertThat(names("userName eq \"BJENSEN\"")).containsExactly("bjensen");
        assertThat(names("userName ne \"bjensen\"")).containsExactlyInAnyOrder("Alice", "carol", "dave");
        assertThat(names("displayName co \"%\"")).containsExactly("Alice");
        assertThat(names("displayName co \"_\"")).containsExactly("Alice");
        assertThat(names("displayName co \"!\"")).containsExactly("Alice");
        assertThat(names("displayName co \"\\\\\"")).containsExactly("carol");
        assertThat(names("displayName sw \"100\"")).containsExactlyInAnyOrder("Alice", "dave");
        assertThat(names("displayName sw \"100%\"")).containsExactly("Alice");
        assertThat(names("displayName ew \"NAME!\"")).containsExactly("Alice");
        assertThat(names("userName gt \"bjensen\"")).containsExactlyInAnyOrder("carol", "dave");
        assertThat(names("userName ge \"BJENSEN\"")).containsExactlyInAnyOrder("bjensen", "carol", "dave");
        assertThat(names("userName lt \"b\"")).containsExactly("Alice");
        assertThat(names("userName le \"alice\"")).containsExactly("Alice");
        assertThat(names("title pr")).containsExactly("bjensen"); // "" is not present
        assertThat(names("title eq null")).containsExactlyInAnyOrder("Alice", "dave");
        assertThat(names("title ne null")).containsExactlyInAnyOrder("bjensen", "carol");
    }

    @Test
    void caseExactStringsReferencesAndExtensions() {
        assertThat(names(X + "code eq \"abc\"")).containsExactly("Alice");
        assertThat(names(X + "code sw \"A\"")).containsExactly("bjensen");
        assertThat(names(X + "homepage eq \"https://example.com/Carol\"")).isEmpty(); // references are case-exact
        assertThat(names(X + "homepage eq \"https://Example.com/Carol\"")).containsExactly("carol");
        assertThat(names(X + "tags eq \"blue\"")).containsExactlyInAnyOrder("bjensen", "Alice");
        assertThat(names(E + "employeeNumber eq \"701984\"")).containsExactly("bjensen");
        assertThat(names(E + "manager.displayName co \"smith\"")).containsExactly("bjensen");
        assertThat(names(E + "manager pr")).containsExactly("bjensen");
        assertThat(names("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"dave\"")).containsExactly("dave");
    }

    @Test
    void numbersBooleansAndDateTimes() {
        assertThat(names(X + "level gt 2")).containsExactlyInAnyOrder("bjensen", "carol");
        assertThat(names(X + "level le -1")).containsExactly("Alice");
        assertThat(names(X + "score eq 1.5")).containsExactlyInAnyOrder("bjensen", "Alice"); // 1.50 eq 1.5
        assertThat(names(X + "score lt 0")).containsExactly("carol");
        assertThat(names(X + "vip eq false")).containsExactly("Alice");
        assertThat(names("active eq true")).containsExactly("bjensen");
        assertThat(names("active ne true")).containsExactlyInAnyOrder("Alice", "carol", "dave");
        // the same instant written with another offset
        assertThat(names(X + "hired eq \"2020-01-01T10:00:00Z\"")).containsExactlyInAnyOrder("bjensen", "Alice");
        assertThat(names(X + "hired lt \"2019-06-01T00:00:00.001Z\"")).containsExactly("carol");
        assertThat(names("meta.created ge \"2026-12-04T10:15:30.123Z\"")).hasSize(4);
        assertThat(names("meta.created gt \"2026-12-04T10:15:30.123Z\"")).isEmpty();
    }

    @Test
    void multiValuedAndValueFiltersMatchOneElement() {
        assertThat(names("emails co \"example.com\"")).containsExactlyInAnyOrder("bjensen", "Alice", "carol");
        assertThat(names("emails.type eq \"work\"")).containsExactlyInAnyOrder("bjensen", "Alice");
        // Alice has a work email and an email containing "work.example", but not in the same element
        assertThat(names("emails[type eq \"work\" and value co \"work.example\"]")).isEmpty();
        assertThat(names("emails[type eq \"home\" and value co \"work.example\"]")).containsExactly("Alice");
        assertThat(names("emails[not (type eq \"work\")]")).containsExactlyInAnyOrder("bjensen", "Alice", "carol");
        assertThat(names("emails[type pr]")).containsExactlyInAnyOrder("bjensen", "Alice");
        assertThat(names("emails[type eq null]")).containsExactly("carol");
        assertThat(names(X + "badges[value eq \"silver\" and level ge 5]")).containsExactly("bjensen");
        assertThat(names(X + "badges[value eq \"gold\" and level ge 5]")).isEmpty();
        assertThat(names("name[givenName sw \"bar\"]")).containsExactly("bjensen");
        assertThat(names("emails eq null")).containsExactly("dave");
        assertThat(names("emails pr and not (emails.primary eq true)")).containsExactlyInAnyOrder("Alice", "carol");
    }

    @Test
    void precedenceAndNot() {
        assertThat(names("userName eq \"dave\" or userName eq \"carol\" and title ne null")).containsExactlyInAnyOrder("dave", "carol");
        assertThat(names("(userName eq \"dave\" or userName eq \"carol\") and title eq null")).containsExactly("dave");
        assertThat(names("not (userName eq \"dave\" or active pr)")).containsExactly("carol");
    }

    @Test
    void meaninglessFiltersAreRefusedLikeTheEvaluator() {
        for (String filter : List.of("nosuch eq 1", "userName eq 1", "active gt true", X + "level co \"1\"",
                "name eq \"x\"", "userName gt null", "emails[nosuch eq \"x\"]", "userName[value eq \"x\"]")) {
            assertThatThrownBy(() -> query(people, Filter.parse(filter), Optional.empty(), new Page.Index(1, 10)))
                    .as(filter).isInstanceOf(ScimException.class);
        }
        assertThatThrownBy(() -> names("urn:example:nope:attr eq \"x\"")).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> query(people, null, sort("password", SortOrder.ASCENDING), new Page.Index(1, 10)))
                .isInstanceOf(InvalidPathException.class);
    }

    @Test
    void sortsWithMissingValuesLastAscendingAndFirstDescending() {
        // ties (no value, or equal values) are broken by id, which is random here: only sorted() checks their order
        List<String> byTitle = sorted("title", SortOrder.ASCENDING);
        assertThat(byTitle.subList(0, 2)).containsExactly("carol", "bjensen"); // "" sorts first
        assertThat(byTitle.subList(2, 4)).containsExactlyInAnyOrder("Alice", "dave");
        List<String> byTitleDescending = sorted("title", SortOrder.DESCENDING);
        assertThat(byTitleDescending.subList(0, 2)).containsExactlyInAnyOrder("Alice", "dave");
        assertThat(byTitleDescending.subList(2, 4)).containsExactly("bjensen", "carol");
        assertThat(sorted("userName", SortOrder.ASCENDING)).containsExactly("Alice", "bjensen", "carol", "dave");
        // primary email first, else the first one: bjensen@..., alice@..., carol@...
        assertThat(sorted("emails", SortOrder.ASCENDING)).containsExactly("Alice", "bjensen", "carol", "dave");
        // primary badge (silver, 5) for bjensen, first (bronze, 1) for Alice
        assertThat(sorted(X + "badges.level", SortOrder.DESCENDING).subList(2, 4)).containsExactly("bjensen", "Alice");
        List<String> byHired = sorted(X + "hired", SortOrder.ASCENDING);
        assertThat(byHired.get(0)).isEqualTo("carol");
        assertThat(byHired.get(3)).isEqualTo("dave");
    }

    @Test
    void indexPagingCountsEverything() {
        Optional<SortSpec> byName = sort("userName", SortOrder.ASCENDING);
        QueryResult page = query(people, null, byName, new Page.Index(2, 2));
        assertThat(page.totalResults()).isEqualTo(4);
        assertThat(userNames(page)).containsExactly("bjensen", "carol");
        QueryResult countOnly = query(people, Filter.parse("userName ne \"dave\""), byName, new Page.Index(1, 0));
        assertThat(countOnly.totalResults()).isEqualTo(3);
        assertThat(countOnly.resources()).isEmpty();
        assertThat(query(people, null, byName, new Page.Index(9, 2)).resources()).isEmpty();
        // totals of pages that end the result (no COUNT query) and of pages that do not
        assertThat(query(people, null, byName, new Page.Index(4, 2)).totalResults()).isEqualTo(4);
        assertThat(query(people, null, byName, new Page.Index(9, 2)).totalResults()).isEqualTo(4);
        assertThat(query(people, null, byName, new Page.Index(1, 9)).totalResults()).isEqualTo(4);
        assertThat(query(people, Filter.parse("userName eq \"nobody\""), byName, new Page.Index(1, 2)).totalResults())
                .isZero();
        assertThat(query(people, Filter.parse("userName eq \"nobody\""), byName, new Page.Cursor(null, 2)).totalResults())
                .isZero();
    }

    @Test
    void cursorPagesWalkForwardAndBackAndRefuseForeignCursors() {
        Optional<SortSpec> byTitle = sort("title", SortOrder.DESCENDING);
        QueryResult first = query(people, null, byTitle, new Page.Cursor(null, 3));
        assertThat(userNames(first).subList(0, 2)).containsExactlyInAnyOrder("Alice", "dave");
        assertThat(userNames(first).get(2)).isEqualTo("bjensen");
        assertThat(first.totalResults()).isEqualTo(4);
        assertThat(first.previousCursor()).isNull();
        QueryResult second = query(people, null, byTitle, new Page.Cursor(first.nextCursor(), 3));
        assertThat(userNames(second)).containsExactly("carol");
        assertThat(second.nextCursor()).isNull();
        assertThat(second.totalResults()).isEqualTo(4);
        QueryResult back = query(people, null, byTitle, new Page.Cursor(second.previousCursor(), 2));
        assertThat(userNames(back)).containsExactly(userNames(first).get(1), "bjensen");
        QueryResult backAgain = query(people, null, byTitle, new Page.Cursor(back.previousCursor(), 2));
        assertThat(userNames(backAgain)).containsExactly(userNames(first).get(0));
        assertThat(backAgain.previousCursor()).isNull();

        assertThatThrownBy(() -> query(people, null, byTitle, new Page.Cursor("garbage!", 2)))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> query(people, null, byTitle, new Page.Cursor("Z2FyYmFnZQ", 0)))
                .isInstanceOf(InvalidCursorException.class);
        QueryResult countOnly = query(people, null, byTitle, new Page.Cursor(first.nextCursor(), 0));
        assertThat(countOnly.totalResults()).isEqualTo(4);
        assertThat(countOnly.resources()).isEmpty();
        assertThatThrownBy(() -> query(people, null, sort("userName", SortOrder.DESCENDING), new Page.Cursor(first.nextCursor(), 2)))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> query(people, Filter.parse("title pr"), byTitle, new Page.Cursor(first.nextCursor(), 2)))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void uniqueValuesAreRefusedWith409() {
        String tenant = "unique-" + UUID.randomUUID();
        StoredResource barbara = store.create(tenant, users, json("{\"userName\":\"Barbara\",\"" + TestSchemas.EXTRA
                + "\":{\"badgeNumber\":\"B1\"}}"));
        assertThatThrownBy(() -> store.create(tenant, users, json("{\"userName\":\"BARBARA\"}")))
                .isInstanceOf(UniquenessException.class).extracting(e -> ((ScimException) e).status()).isEqualTo(409);
        // badgeNumber is case-exact
        store.create(tenant, users, json("{\"userName\":\"other\",\"" + TestSchemas.EXTRA + "\":{\"badgeNumber\":\"b1\"}}"));
        assertThatThrownBy(() -> store.create(tenant, users, json("{\"userName\":\"third\",\"" + TestSchemas.EXTRA
                + "\":{\"badgeNumber\":\"B1\"}}"))).isInstanceOf(UniquenessException.class);
        assertThatThrownBy(() -> store.replace(tenant, users, barbara.id(), json("{\"userName\":\"Other\"}"), OptionalLong.empty()))
                .isInstanceOf(UniquenessException.class);
        // keeping one's own value is fine; a failed write leaves nothing behind
        store.replace(tenant, users, barbara.id(), json("{\"userName\":\"barbara\"}"), OptionalLong.empty());
        assertThat(names(tenant, "userName pr")).containsExactlyInAnyOrder("barbara", "other");
        // another tenant, and a freed value after delete
        store.create("elsewhere-" + tenant, users, json("{\"userName\":\"barbara\"}"));
        store.delete(tenant, users, barbara.id(), OptionalLong.empty());
        store.create(tenant, users, json("{\"userName\":\"Barbara\",\"" + TestSchemas.EXTRA + "\":{\"badgeNumber\":\"B1\"}}"));
    }

    @Test
    void concurrentCreatesOfTheSameNameLetExactlyOneWin() throws Exception {
        String tenant = "race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                JsonObject user = json("{\"userName\":\"racer" + round + "\"}");
                List<Future<String>> outcomes = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    outcomes.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            store.create(tenant, users, user);
                            return "created";
                        } catch (UniquenessException e) {
                            return "409";
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(60, TimeUnit.SECONDS));
                }
                assertThat(results).as("round %d", round).containsExactlyInAnyOrder("created", "409");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(query(tenant, null, Optional.empty(), new Page.Index(1, 100)).totalResults()).isEqualTo(10);
    }

    @Test
    void longStringsCompareInFullAndHugeNumbersDoNotFailWrites() {
        String tenant = "long-" + UUID.randomUUID();
        String base = "a".repeat(199) + "\uD83D\uDE00"; // the indexed prefix ends inside a surrogate pair
        store.create(tenant, users, json("{\"userName\":\"one\",\"displayName\":\"" + base + "Tail-One\"}"));
        store.create(tenant, users, json("{\"userName\":\"two\",\"displayName\":\"" + base + "tail-two\","
                + "\"" + TestSchemas.EXTRA + "\":{\"score\":1E+40,\"level\":12345678901234567890123456789012345}}"));
        assertThat(names(tenant, "displayName eq \"" + base.toUpperCase() + "tail-one\"")).containsExactly("one");
        assertThat(names(tenant, "displayName sw \"" + base + "TAIL\"")).containsExactlyInAnyOrder("one", "two");
        assertThat(names(tenant, "displayName sw \"" + base + "tail-t\"")).containsExactly("two");
        assertThat(names(tenant, "displayName ew \"-two\"")).containsExactly("two");
        assertThat(names(tenant, "displayName gt \"" + base + "tail-one\"")).containsExactly("two");
        assertThat(names(tenant, X + "score pr")).containsExactly("two");
        assertThat(names(tenant, X + "level gt 12345678901234567890123456789012344")).containsExactly("two");
    }

    @Test
    void concurrentWritesOfDifferentResourcesAllSucceed() throws Exception {
        String tenant = "busy-" + UUID.randomUUID();
        int writers = 4;
        List<StoredResource> mine = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            mine.add(store.create(tenant, users, json("{\"userName\":\"writer" + w + "\"}")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int round = 0; round < 25; round++) {
                        store.replace(tenant, users, mine.get(writer).id(), json("{\"userName\":\"writer" + writer + "-" + round
                                + "\",\"emails\":[{\"value\":\"w" + writer + "@x\"},{\"value\":\"r" + round + "@x\"}]}"),
                                OptionalLong.empty());
                        store.create(tenant, users, json("{\"userName\":\"new-" + writer + "-" + round + "\"}"));
                    }
                    return writer;
                }));
            }
            for (Future<Integer> writer : done) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(query(tenant, Filter.parse("userName ew \"-24\""), Optional.empty(), new Page.Index(1, 100)).totalResults())
                .isEqualTo(2L * writers);
    }

    @Test
    void migratingAgainChangesNothing() {
        EntityManagerFactory again = ScimPersistence.create(new HashMap<>(properties));
        again.close();
        Map<String, String> withoutMigrations = new HashMap<>(properties);
        withoutMigrations.put(ScimPersistence.MIGRATE, "false");
        EntityManagerFactory unmigrated = ScimPersistence.create(withoutMigrations);
        try {
            assertThat(new JpaResourceStore(unmigrated, registry).find(people, users, peopleStored.get(0).id())).isPresent();
        } finally {
            unmigrated.close();
        }
        assertThat(names("userName pr")).hasSize(4);
        assertThatThrownBy(() -> Migrations.family("jdbc:oracle:thin:@x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupMembersAreFoundByValue() {
        String tenant = "groups-" + UUID.randomUUID();
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            members.append(i == 0 ? "" : ",").append("{\"value\":\"member-").append(i).append("\",\"type\":\"")
                    .append(i % 2 == 0 ? "User" : "Group").append("\"}");
        }
        StoredResource big = store.create(tenant, groups, json("{\"displayName\":\"Big\",\"members\":[" + members + "]}"));
        StoredResource small = store.create(tenant, groups, json("{\"displayName\":\"small\",\"members\":[{\"value\":\"member-7\"}]}"));
        assertThat(groupIds(tenant, "members.value eq \"member-499\"")).containsExactly(big.id());
        assertThat(groupIds(tenant, "members.value eq \"member-7\"")).containsExactlyInAnyOrder(big.id(), small.id());
        assertThat(groupIds(tenant, "members[value eq \"member-7\" and type eq \"Group\"]")).containsExactly(big.id());
        assertThat(groupIds(tenant, "members[value eq \"member-8\" and type eq \"Group\"]")).isEmpty();
        assertThat(groupIds(tenant, "displayName eq \"BIG\"")).containsExactly(big.id());
    }

    private List<String> groupIds(String tenant, String filter) {
        return store.query(tenant, groups, new ResourceQuery(Filter.parse(filter), Optional.empty(), new Page.Index(1, 10),
                Projection.defaults(registry, groups))).resources().stream().map(StoredResource::id).toList();
    }

    /** Random users, random filters and sorts: the database answers exactly as the in-memory reference does. */
    @Test
    void randomFiltersAndSortsAgreeWithTheInMemoryReference() {
        String tenant = "random-" + UUID.randomUUID();
        // another seed explores other data and filters: mvn test -Dscimee.test.seed=N
        long seed = Long.getLong("scimee.test.seed", 7644);
        RandomData data = new RandomData(seed);
        List<StoredResource> stored = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.set(now.plusSeconds(data.nextInt(5)));
            stored.add(store.create(tenant, users, data.user(i)));
        }
        // replace some, so versions and lastModified differ and re-indexing is covered
        for (int i = 0; i < 30; i++) {
            int index = data.nextInt(stored.size());
            clock.set(now.plusSeconds(10 + data.nextInt(5)));
            StoredResource old = stored.get(index);
            stored.set(index, store.replace(tenant, users, old.id(), data.user(1000 + index), OptionalLong.empty()));
        }
        TestDatabases.analyze(properties);
        InMemoryQuery reference = new InMemoryQuery(registry);
        List<JsonObject> documents = stored.stream().map(r -> r.toJson(users, "")).toList();
        int matchedSome = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            Filter filter = data.filter(3);
            Optional<SortSpec> sort = i % 4 == 0 ? data.sort() : Optional.empty();
            ResourceQuery query = new ResourceQuery(filter, sort, new Page.Index(1, 1000), projection());
            List<String> expected;
            try {
                // what InMemoryQuery does (filter by the evaluator, order by the sort's comparator then id), on
                // documents rendered once rather than once per query and comparison
                java.util.function.Predicate<JsonObject> matches = new FilterEvaluator(registry, users).compile(filter);
                java.util.Comparator<Integer> order = java.util.Comparator.comparing(r -> stored.get(r).id());
                if (sort.isPresent()) {
                    java.util.Comparator<JsonObject> bySort = sort.get().comparator(registry, users);
                    order = java.util.Comparator.<Integer, JsonObject>comparing(documents::get, bySort).thenComparing(order);
                }
                List<Integer> matching = new ArrayList<>();
                for (int r = 0; r < stored.size(); r++) {
                    if (matches.test(documents.get(r))) {
                        matching.add(r);
                    }
                }
                matching.sort(order);
                expected = matching.stream().map(r -> stored.get(r).id()).toList();
            } catch (ScimException e) {
                refused++;
                assertThatThrownBy(() -> store.query(tenant, users, query)).as("#%d %s", i, filter)
                        .isInstanceOf(e.getClass());
                continue;
            }
            QueryResult actual = store.query(tenant, users, query);
            List<String> ids = actual.resources().stream().map(StoredResource::id).toList();
            if (sort.isPresent()) {
                assertThat(ids).as("seed %d #%d %s sortBy %s", seed, i, filter, sort.get()).containsExactlyElementsOf(expected);
            } else {
                assertThat(ids).as("seed %d #%d %s", seed, i, filter).containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(actual.totalResults()).isEqualTo(expected.size());
            if (!expected.isEmpty() && expected.size() < stored.size()) {
                matchedSome++;
            }
        }
        assertThat(matchedSome).as("filters that split the users").isGreaterThan(100);
        assertThat(refused).as("meaningless filters").isBetween(1, 200);

        // every sort, walked with cursors and with index pages, gives the reference order
        for (int i = 0; i < 12; i++) {
            Optional<SortSpec> sort = data.sort();
            Filter filter = i % 3 == 0 ? data.filter(2) : null;
            List<String> expected;
            try {
                expected = reference.answer(users, stored, new ResourceQuery(filter, sort, new Page.Index(1, 1000),
                        projection())).resources().stream().map(StoredResource::id).toList();
            } catch (ScimException e) {
                continue;
            }
            List<String> walked = new ArrayList<>();
            String cursor = null;
            QueryResult page;
            do {
                page = store.query(tenant, users, new ResourceQuery(filter, sort, new Page.Cursor(cursor, 37), projection()));
                page.resources().forEach(r -> walked.add(r.id()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(walked).as("cursor walk %s %s", filter, sort).containsExactlyElementsOf(expected);
            // and back from the last page with previousCursor
            List<String> back = new ArrayList<>(page.resources().stream().map(StoredResource::id).toList());
            cursor = page.previousCursor();
            while (cursor != null) {
                page = store.query(tenant, users, new ResourceQuery(filter, sort, new Page.Cursor(cursor, 37), projection()));
                back.addAll(0, page.resources().stream().map(StoredResource::id).toList());
                cursor = page.previousCursor();
            }
            assertThat(back).as("backward cursor walk %s %s", filter, sort).containsExactlyElementsOf(expected);
            List<String> indexed = new ArrayList<>();
            for (int start = 1; start <= expected.size(); start += 50) {
                store.query(tenant, users, new ResourceQuery(filter, sort, new Page.Index(start, 50), projection()))
                        .resources().forEach(r -> indexed.add(r.id()));
            }
            assertThat(indexed).as("index pages %s %s", filter, sort).containsExactlyElementsOf(expected);
        }
    }

    // ---- helpers ----

    private List<String> names(String filter) {
        return names(people, filter);
    }

    private List<String> names(String tenant, String filter) {
        return userNames(query(tenant, Filter.parse(filter), Optional.empty(), new Page.Index(1, 100)));
    }

    private List<String> sorted(String sortBy, SortOrder order) {
        List<String> names = userNames(query(people, null, sort(sortBy, order), new Page.Index(1, 100)));
        // the reference agrees
        List<String> reference = new InMemoryQuery(registry).answer(users, peopleStored, new ResourceQuery(null,
                sort(sortBy, order), new Page.Index(1, 100), projection())).resources().stream()
                .map(r -> r.attributes().getString("userName")).toList();
        assertThat(names).as("sortBy %s %s like InMemoryQuery", sortBy, order).isEqualTo(reference);
        return names;
    }

    private Projection projection() {
        return Projection.defaults(registry, users);
    }

    private static Optional<SortSpec> sort(String path, SortOrder order) {
        return Optional.of(new SortSpec(AttributePath.parse(path), order));
    }

    private QueryResult query(String tenant, Filter filter, Optional<SortSpec> sort, Page page) {
        QueryResult result = store.query(tenant, users, new ResourceQuery(filter, sort, page, projection()));
        if (tenant.equals(people) && page instanceof Page.Index index && filter != null) {
            // every hand-written filter also agrees with the reference
            QueryResult reference = new InMemoryQuery(registry).answer(users, peopleStored,
                    new ResourceQuery(filter, sort, new Page.Index(index.startIndex(), index.count()), projection()));
            assertThat(userNames(result)).as("%s like InMemoryQuery", filter).containsExactlyInAnyOrderElementsOf(userNames(reference));
        }
        return result;
    }

    private static List<String> userNames(QueryResult result) {
        return result.resources().stream().map(r -> r.attributes().getString("userName")).toList();
    }
}

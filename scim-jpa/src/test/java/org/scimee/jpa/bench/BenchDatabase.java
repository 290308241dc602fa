package org.scimee.jpa.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManagerFactory;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.scimee.error.UniquenessException;
import org.scimee.filter.FilterParser;
import org.scimee.jpa.JpaResourceStore;
import org.scimee.jpa.ScimPersistence;
import org.scimee.jpa.TestDatabases;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/**
 * A PostgreSQL database of the benchmarks holding {@code users} users ({@code scimee_bench_1k},
 * {@code scimee_bench_1m}, ...), seeded through {@link JpaResourceStore#create} itself so its rows are exactly what
 * the store writes. Seeding happens once: a database that already holds its users is only opened, and one whose
 * seeding was interrupted gets just the missing users.
 *
 * <p>{@link #main} seeds without benchmarking (a million users take a while; see BENCHMARKS.md).
 */
public final class BenchDatabase implements AutoCloseable {

    /** The tenant all benchmark data lives in. */
    public static final String TENANT = "bench";
    /** The groups need members, and {@link MemberAddBenchmark} users to add who are in no group. */
    static final int MIN_USERS_FOR_GROUPS = 110_000;
    /** How many non-members {@link #nonMembers()} returns. */
    static final int NON_MEMBERS = 10_000;

    private static final int SEED_THREADS = 3;
    private static final int PROGRESS_EVERY = 50_000;
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    final int users;
    final SchemaRegistry registry = SchemaRegistry.defaults();
    final ResourceType userType = registry.resourceType("User").orElseThrow();
    final ResourceType groupType = registry.resourceType("Group").orElseThrow();
    final JpaResourceStore store;
    private final Map<String, String> properties;
    private final EntityManagerFactory factory;

    private BenchDatabase(int users, Map<String, String> properties) {
        this.users = users;
        this.properties = properties;
        this.factory = ScimPersistence.create(properties);
        this.store = new JpaResourceStore(factory, registry);
    }

    /** The database for {@code users} users, seeded first if it holds fewer. */
    public static BenchDatabase open(int users) {
        Map<String, String> properties = TestDatabases.postgres(databaseName(users));
        seedUsers(users, properties);
        return new BenchDatabase(users, properties);
    }

    /** Seeds the databases for the given user counts (default 1000 and 1000000), and the groups where they fit. */
    public static void main(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"1000", "1000000"} : args) {
            sizes.add(Integer.parseInt(arg.replace("_", "")));
        }
        for (int size : sizes) {
            try (BenchDatabase database = open(size)) {
                if (size >= MIN_USERS_FOR_GROUPS) {
                    for (int members : MemberAddBenchmark.GROUP_SIZES) {
                        database.group(members);
                    }
                }
            }
        }
    }

    static String databaseName(int users) {
        String size = users % 1_000_000 == 0 ? users / 1_000_000 + "m"
                : users % 1_000 == 0 ? users / 1_000 + "k" : Integer.toString(users);
        return "scimee_bench_" + size;
    }

    /** The userName of the {@code index}th user, e.g. {@code user0000123@bench.example}. */
    static String userName(int index) {
        return "user" + zeroPadded(index, 7) + "@bench.example";
    }

    /** The externalId of the {@code index}th user: GUID-shaped, like the object ids Entra ID sends. */
    static String externalId(int index) {
        return "be4c4000-0000-4000-8000-" + zeroPadded(index, 12);
    }

    private static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /** A user as Entra ID provisions one. */
    static JsonObject user(int index) {
        String userName = userName(index);
        String given = "Bench";
        String family = "User " + index;
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(USER_SCHEMA))
                .add("externalId", externalId(index))
                .add("userName", userName)
                .add("active", true)
                .add("displayName", given + " " + family)
                .add("name", Json.createObjectBuilder()
                        .add("formatted", given + " " + family).add("givenName", given).add("familyName", family))
                .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("value", userName).add("type", "work").add("primary", true)))
                .build();
    }

    /**
     * Creates the users {@code 0 .. users-1} that are missing. Interrupted seeds are resumed exactly: the userNames
     * already stored are read back, so no user is missing or created twice whatever order the threads ran in.
     */
    private static void seedUsers(int users, Map<String, String> properties) {
        long stored = countUsers(properties);
        if (stored >= users) {
            return;
        }
        if (stored > 0) {
            TestDatabases.analyze(properties);
        }
        BitSet present = stored == 0 ? new BitSet() : storedUserIndexes(properties);
        int missing = users - present.cardinality();
        System.out.printf(Locale.ROOT, "seeding %s: %d users stored, %d to create with %d threads%n",
                databaseName(users), stored, missing, SEED_THREADS);
        // Only the seed's own connections skip waiting for the WAL flush: a bulk load needs no durability per user
        // (an interrupted seed is resumed), and the benchmarks still commit as PostgreSQL does by default.
        Map<String, String> seeding = new HashMap<>(properties);
        seeding.put("jakarta.persistence.jdbc.url",
                properties.get("jakarta.persistence.jdbc.url") + "?options=-c%20synchronous_commit%3Doff");
        EntityManagerFactory factory = ScimPersistence.create(seeding);
        try {
            SchemaRegistry registry = SchemaRegistry.defaults();
            JpaResourceStore store = new JpaResourceStore(factory, registry);
            ResourceType userType = registry.resourceType("User").orElseThrow();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger created = new AtomicInteger();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            long start = System.nanoTime();
            Runnable seeder = () -> {
                for (int index = nextMissing(present, next, users); index >= 0 && failure.get() == null;
                     index = nextMissing(present, next, users)) {
                    try {
                        store.create(TENANT, userType, user(index));
                    } catch (UniquenessException alreadyThere) {
                        continue;
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    int done = created.incrementAndGet();
                    // Statistics as autovacuum would keep them (it may be off, as on the development machines):
                    // planned for empty tables, the uniqueness check of each create scans all users of the
                    // tenant instead of one primary-key entry, and seeding slows down with every user created.
                    if (done == 1_000 || done == 10_000 || done % PROGRESS_EVERY == 0) {
                        TestDatabases.analyze(properties);
                    }
                    if (done % PROGRESS_EVERY == 0) {
                        System.out.printf(Locale.ROOT, "  %,d of %,d users created, %.0f creates/s%n",
                                done, missing, rate(done, start));
                    }
                }
            };
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < SEED_THREADS; i++) {
                Thread thread = new Thread(seeder, "seed-" + i);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("seeding " + databaseName(users) + " failed", failure.get());
            }
            System.out.printf(Locale.ROOT, "seeded %s: %,d users created in %.0f s, %.0f creates/s%n",
                    databaseName(users), created.get(), (System.nanoTime() - start) / 1e9, rate(created.get(), start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seeding interrupted", e);
        } finally {
            factory.close();
        }
        if (countUsers(properties) < users) {
            throw new IllegalStateException("seeding " + databaseName(users) + " left users missing");
        }
        vacuumAnalyze(properties);
    }

    /**
     * Brings freshly loaded tables to the state autovacuum keeps them in: statistics, and tuples marked visible
     * (hint bits, visibility map), else the first look-up of each user pays for writing its pages back.
     */
    private static void vacuumAnalyze(Map<String, String> properties) {
        try (Connection connection = connect(properties); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE scim_resource, scim_value, scim_unique, scim_element");
        } catch (SQLException e) {
            throw new IllegalStateException("could not vacuum the benchmark database", e);
        }
    }

    private static int nextMissing(BitSet present, AtomicInteger next, int users) {
        synchronized (present) {
            int index = present.nextClearBit(next.get());
            if (index >= users) {
                return -1;
            }
            next.set(index + 1);
            return index;
        }
    }

    private static double rate(int done, long startNanos) {
        return done / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }

    private static long countUsers(Map<String, String> properties) {
        try (Connection connection = connect(properties); PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM scim_resource WHERE tenant = ? AND resource_type = 'User'")) {
            count.setString(1, TENANT);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // a new database: the store's migrations have not run yet
            }
            throw new IllegalStateException("could not count the users", e);
        }
    }

    /** The indexes of the users already stored, from their userName rows in {@code scim_value}. */
    private static BitSet storedUserIndexes(Map<String, String> properties) {
        BitSet present = new BitSet();
        try (Connection connection = connect(properties)) {
            connection.setAutoCommit(false); // so PostgreSQL streams the rows rather than holding them all
            try (PreparedStatement select = connection.prepareStatement("SELECT k_key FROM scim_value"
                    + " WHERE tenant = ? AND resource_type = 'User' AND path = 'username'")) {
                select.setString(1, TENANT);
                select.setFetchSize(10_000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String name = rows.getString(1);
                        if (name.startsWith("user") && name.endsWith("@bench.example")) {
                            present.set(Integer.parseInt(name.substring(4, name.indexOf('@'))));
                        }
                    }
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored userNames", e);
        }
        return present;
    }

    /**
     * The id of the group {@code bench-group-<members>} holding {@code members} users, created when missing (or
     * created anew when a broken run left it another size), then the tables are vacuumed. Its members are the first users in id order, which
     * are random users since ids are random UUIDs.
     */
    String group(int members) {
        if (users < MIN_USERS_FOR_GROUPS) {
            throw new IllegalStateException("groups are seeded only in databases of at least " + MIN_USERS_FOR_GROUPS + " users");
        }
        String name = "bench-group-" + members;
        QueryResult found = store.query(TENANT, groupType, new ResourceQuery(
                FilterParser.parse("displayName eq \"" + name + "\""), Optional.empty(),
                new Page.Index(1, 2), Projection.parse(registry, groupType, "id", null)));
        if (found.totalResults() > 1) {
            throw new IllegalStateException(found.totalResults() + " groups are called " + name);
        }
        if (found.totalResults() == 1) {
            StoredResource group = found.resources().get(0);
            long size = memberCount(group.id());
            if (size == members) {
                return group.id();
            }
            System.out.printf(Locale.ROOT, "group %s has %d members, not %d: creating it anew%n", name, size, members);
            store.delete(TENANT, groupType, group.id(), OptionalLong.empty());
        }
        long start = System.nanoTime();
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String id : userIds("ORDER BY id LIMIT " + members)) {
            list.add(Json.createObjectBuilder().add("value", id));
        }
        StoredResource group = store.create(TENANT, groupType, Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(GROUP_SCHEMA))
                .add("externalId", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                .add("displayName", name)
                .add("members", list)
                .build());
        System.out.printf(Locale.ROOT, "created group %s with %,d members in %.1f s%n", name, members,
                (System.nanoTime() - start) / 1e9);
        vacuumAnalyze(properties);
        return group.id();
    }

    /** Members of the group {@code groupId}, counted in the rows the store keeps them in. */
    long memberCount(String groupId) {
        try (Connection connection = connect(properties); PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM scim_element WHERE tenant = ? AND resource_type = 'Group' AND resource_id = ?"
                        + " AND path = 'members'")) {
            count.setString(1, TENANT);
            count.setString(2, groupId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the members of " + groupId, e);
        }
    }

    /** Ids of {@value #NON_MEMBERS} users who are members of no group. */
    List<String> nonMembers() {
        List<String> ids = userIds("AND NOT EXISTS (SELECT 1 FROM scim_element e WHERE e.tenant = r.tenant"
                + " AND e.resource_type = 'Group' AND e.path = 'members' AND e.value_key = r.id)"
                + " ORDER BY id LIMIT " + NON_MEMBERS);
        if (ids.size() < NON_MEMBERS) {
            throw new IllegalStateException("only " + ids.size() + " users are in no group");
        }
        return ids;
    }

    private List<String> userIds(String condition) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = connect(properties); PreparedStatement select = connection.prepareStatement(
                "SELECT r.id FROM scim_resource r WHERE r.tenant = ? AND r.resource_type = 'User' " + condition)) {
            select.setString(1, TENANT);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read user ids", e);
        }
        return ids;
    }

    private static Connection connect(Map<String, String> properties) throws SQLException {
        return DriverManager.getConnection(properties.get("jakarta.persistence.jdbc.url"),
                properties.get("jakarta.persistence.jdbc.user"), properties.get("jakarta.persistence.jdbc.password"));
    }

    /**
     * Prints the heap still in use after full collections, for target 3: it must not grow with the number of
     * stored resources. Called at the end of a trial, while the store is still open.
     */
    static void printRetainedHeap(String param) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "%nretained heap after GC: %.1f MiB (%s)%n", used / (1024.0 * 1024.0), param);
    }

    @Override
    public void close() {
        factory.close();
    }
}

package org.scimee.jpa.bench;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.scimee.filter.FilterParser;
import org.scimee.projection.Projection;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;

/**
 * Target 1: finding a user by {@code userName eq "..."} (what Entra ID and Okta ask before creating or updating one)
 * must cost at 1,000,000 stored users at most 1.3 times what it costs at 1,000.
 *
 * <p>Each invocation asks for a uniformly random existing user, so the whole table and index are in play, not a
 * few cached pages. It goes the way {@code GET /Users?filter=...} does: the filter text is parsed by
 * {@link FilterParser}, the page is the HTTP layer's default (index 1, 100 resources: an IdP sends no
 * {@code count} or 100), the projection that of a request without {@code attributes}; the result is checked to
 * hold exactly that one user, so a broken query cannot pass for a fast one. {@link #externalId} does the same by
 * {@code externalId eq}, the other look-up IdPs use.
 *
 * <p>Target 3: the trial ends by printing the heap retained after GC; compare it between the two sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
public class UserLookupBenchmark {

    @Param({"1000", "1000000"})
    int users;

    private BenchDatabase database;
    private Projection projection;

    @Setup(Level.Trial)
    public void open() {
        database = BenchDatabase.open(users);
        projection = Projection.parse(database.registry, database.userType, null, null);
    }

    @TearDown(Level.Trial)
    public void close() {
        BenchDatabase.printRetainedHeap("users=" + users);
        database.close();
    }

    @Benchmark
    public QueryResult userName() {
        int index = ThreadLocalRandom.current().nextInt(users);
        return find("userName", BenchDatabase.userName(index));
    }

    @Benchmark
    public QueryResult externalId() {
        int index = ThreadLocalRandom.current().nextInt(users);
        return find("externalId", BenchDatabase.externalId(index));
    }

    /** Returned, so JMH's implicit {@link Blackhole} consumes it. */
    private QueryResult find(String attribute, String value) {
        ResourceQuery query = new ResourceQuery(FilterParser.parse(attribute + " eq \"" + value + "\""),
                Optional.empty(), new Page.Index(1, 100), projection);
        QueryResult result = database.store.query(BenchDatabase.TENANT, database.userType, query);
        if (result.totalResults() != 1 || result.resources().size() != 1
                || !result.resources().get(0).attributes().getString(attribute).equals(value)) {
            throw new IllegalStateException(attribute + " eq \"" + value + "\" found " + result.totalResults()
                    + " users, not exactly that one");
        }
        return result;
    }
}

package org.scimee.jpa.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
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
import org.scimee.patch.CompatibilityProfile;
import org.scimee.patch.PatchEngine;
import org.scimee.patch.PatchRequest;
import org.scimee.patch.PatchResult;
import org.scimee.patch.PatchScope;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.store.ChangeSet;
import org.scimee.store.StoredResource;

/**
 * Target 2: adding one member to a group of 100,000 must cost at most 1.3 times adding one to a group of 10.
 *
 * <p>Each invocation sends the request Entra ID and Okta send, {@code {"op":"add","path":"members","value":[{"value":
 * "<id>"}]}} for a random user who is in no group, through the steps {@code ResourceOperations.patch} takes: parse
 * the request, {@link PatchScope} names the member, and inside {@code store.modify} (the group's row lock held)
 * {@code readPartial} reads only that member's rows, the engine runs on that partial view, and its delta goes to
 * {@code update} with a projection of {@code id} only, as for a 204 answer (so no member is read back). Anything else (no partial view, no delta) fails the run
 * rather than quietly measuring the slow path. After each invocation, unmeasured, the member is removed again
 * ({@code remove members[value eq "<id>"]}, the same steps), so the group keeps its size; it is checked at the end.
 *
 * <p>Runs on the 1,000,000-user database, where {@link BenchDatabase#group} seeds both groups once. Target 3: the
 * trial ends by printing the heap retained after GC.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
public class MemberAddBenchmark {

    /** The group sizes compared; {@link BenchDatabase#main} seeds these groups. */
    static final List<Integer> GROUP_SIZES = List.of(10, 100_000);
    private static final int USERS = 1_000_000;

    @Param({"10", "100000"})
    int members;

    private BenchDatabase database;
    private ResourceType groups;
    private PatchEngine engine;
    /** What a 204 answer needs. */
    private Projection response;
    private String groupId;
    private List<String> candidates;
    private String added;

    @Setup(Level.Trial)
    public void open() {
        database = BenchDatabase.open(USERS);
        groups = database.groupType;
        engine = new PatchEngine(database.registry);
        response = Projection.parse(database.registry, groups, "id", null);
        groupId = database.group(members);
        candidates = database.nonMembers();
    }

    @TearDown(Level.Trial)
    public void close() {
        long size = database.memberCount(groupId);
        BenchDatabase.printRetainedHeap("members=" + members);
        database.close();
        if (size != members) {
            throw new IllegalStateException("the group has " + size + " members after the run, not " + members);
        }
    }

    @Benchmark
    public StoredResource addMember() {
        added = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        return patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + added + "\"}]}");
    }

    @TearDown(Level.Invocation)
    public void removeMember() {
        if (added != null) {
            patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + added + "\\\"]\"}");
            added = null;
        }
    }

    private StoredResource patch(String operation) {
        JsonObject body = Json.createReader(new StringReader("{\"schemas\":[\"" + PatchRequest.PATCH_OP + "\"],"
                + "\"Operations\":[" + operation + "]}")).readObject();
        PatchRequest request = PatchRequest.parse(body, CompatibilityProfile.DEFAULT);
        PatchScope scope = PatchScope.of(database.registry, groups, request);
        if (!scope.isPartial()) {
            throw new IllegalStateException("not answered on a partial view: " + operation);
        }
        return database.store.modify(BenchDatabase.TENANT, groups, groupId, held -> {
            StoredResource read = held.readPartial(scope.elementsByValue());
            PatchResult result = engine.apply(groups, read.attributes(), request, CompatibilityProfile.DEFAULT);
            ChangeSet changes = scope.changes(read.attributes(), result)
                    .orElseThrow(() -> new IllegalStateException("no delta: " + operation));
            if (changes.isEmpty()) {
                throw new IllegalStateException("changed nothing: " + operation);
            }
            return held.update(changes, response);
        });
    }
}

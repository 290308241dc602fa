package org.scimee.jpa.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.scimee.error.PreconditionFailedException;
import org.scimee.patch.CompatibilityProfile;
import org.scimee.patch.PatchEngine;
import org.scimee.patch.PatchRequest;
import org.scimee.patch.PatchScope;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.store.ChangeSet;
import org.scimee.store.ForwardingResourceStore;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * Row locks or optimistic retries, measured: four clients at once add members to the same group (what an IdP's
 * first sync of a big group does), each add one {@code PATCH} through {@link ResourceStore#modify}, the way
 * {@code ResourceOperations.patch} runs it. {@code rowLock} is the JPA store's own {@code modify} (the group's row
 * locked before the first read); {@code optimistic} is the same store with {@code ResourceStore}'s default
 * {@code modify} (read, write at the version read, start over when overtaken, 412 after a few tries). Reports
 * throughput and, as the counters {@code accepted} and {@code refused}, how many adds landed and how many
 * clients were told 412.
 *
 * <p>Each trial creates its own group of 10 members (deleted afterwards), on the 1,000,000-user database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(4)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ContendedPatchBenchmark {

    @Param({"rowLock", "optimistic"})
    String strategy;

    private BenchDatabase database;
    private ResourceStore store;
    private ResourceType groups;
    private PatchEngine engine;
    private Projection response;
    private String groupId;
    private List<String> candidates;

    /** What each client saw; JMH sums the threads' counts. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcomes {
        public long accepted;
        public long refused;
    }

    @Setup(Level.Trial)
    public void open() {
        database = BenchDatabase.open(1_000_000);
        groups = database.groupType;
        engine = new PatchEngine(database.registry);
        response = Projection.parse(database.registry, groups, "id", null);
        candidates = database.nonMembers();
        store = strategy.equals("rowLock") ? database.store : new DefaultModify(database.store);
        JsonArrayBuilder members = Json.createArrayBuilder();
        candidates.subList(0, 10).forEach(id -> members.add(Json.createObjectBuilder().add("value", id)));
        groupId = database.store.create(BenchDatabase.TENANT, groups, Json.createObjectBuilder()
                .add("displayName", "bench-contended-" + UUID.randomUUID()).add("members", members).build()).id();
    }

    @TearDown(Level.Trial)
    public void close() {
        database.store.delete(BenchDatabase.TENANT, groups, groupId, OptionalLong.empty());
        database.close();
    }

    @Benchmark
    public Optional<StoredResource> addMember(Outcomes outcomes) {
        String member = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        PatchRequest request = PatchRequest.parse(Json.createReader(new StringReader("{\"schemas\":[\""
                + PatchRequest.PATCH_OP + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":"
                + "[{\"value\":\"" + member + "\"}]}]}")).readObject(), CompatibilityProfile.DEFAULT);
        PatchScope scope = PatchScope.of(database.registry, groups, request);
        try {
            Optional<StoredResource> patched = store.modify(BenchDatabase.TENANT, groups, groupId, held -> {
                StoredResource read = held.readPartial(scope.elementsByValue());
                ChangeSet changes = scope.changes(read.attributes(),
                        engine.apply(groups, read.attributes(), request, CompatibilityProfile.DEFAULT)).orElseThrow();
                // a member already added by another client: nothing to write, as ResourceOperations does
                return changes.isEmpty() ? Optional.<StoredResource>empty() : Optional.of(held.update(changes, response));
            });
            outcomes.accepted++;
            return patched;
        } catch (PreconditionFailedException overtaken) {
            outcomes.refused++;
            return Optional.empty();
        }
    }

    /** The JPA store with every method but {@code modify}: that one stays {@link ResourceStore}'s default. */
    private static final class DefaultModify extends ForwardingResourceStore {
        DefaultModify(ResourceStore store) {
            super(store);
        }

        @Override
        public Optional<StoredResource> find(String tenant, ResourceType type, String id, Projection projection) {
            return delegate.find(tenant, type, id, projection);
        }

        @Override
        public Optional<StoredResource> findPartial(String tenant, ResourceType type, String id,
                                                    Map<String, Set<String>> elementsByValue) {
            return delegate.findPartial(tenant, type, id, elementsByValue);
        }

        @Override
        public StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                     OptionalLong expectedVersion) {
            return delegate.update(tenant, type, id, changes, expectedVersion);
        }

        @Override
        public StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                     OptionalLong expectedVersion, Projection projection) {
            return delegate.update(tenant, type, id, changes, expectedVersion, projection);
        }
    }
}

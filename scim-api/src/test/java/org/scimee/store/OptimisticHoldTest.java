package org.scimee.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.memory.InMemoryResourceStore;

/**
 * {@link ResourceStore#modify}'s default, for stores that cannot hold a resource: a writer that came in between is
 * never overwritten, the work runs again on what it wrote, and only a resource overtaken on every attempt is a 412.
 */
class OptimisticHoldTest {

    private final SchemaRegistry registry = SchemaRegistry.defaults();
    private final ResourceType groups = registry.resourceType("Group").orElseThrow();
    private final InMemoryResourceStore memory = new InMemoryResourceStore(registry);

    /** Lets another writer change the resource just before each of the first {@code interruptions} writes. */
    private final class Interrupted extends ForwardingResourceStore {
        private final AtomicInteger interruptions;

        Interrupted(int interruptions) {
            super(memory);
            this.interruptions = new AtomicInteger(interruptions);
        }

        @Override
        public StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                     OptionalLong expectedVersion) {
            if (interruptions.getAndDecrement() > 0) {
                StoredResource other = memory.find(tenant, type, id).orElseThrow();
                memory.replace(tenant, type, id, Json.createObjectBuilder(other.attributes())
                        .add("externalId", "other-" + interruptions.get()).build(), OptionalLong.empty());
            }
            return super.update(tenant, type, id, changes, expectedVersion);
        }
    }

    private StoredResource group() {
        return memory.create("t", groups, Json.createObjectBuilder().add("displayName", "0").build());
    }

    /** Reads the counter in displayName and writes it plus one: the read decides the write. */
    private static StoredResource increment(HeldResource held, AtomicInteger runs) {
        runs.incrementAndGet();
        int counter = Integer.parseInt(held.read().attributes().getString("displayName"));
        return held.update(new ChangeSet(List.of(new Change.SetValue(null, "displayName",
                Json.createValue(String.valueOf(counter + 1))))), null);
    }

    @Test
    void aWorkOvertakenByAnotherWriterRunsAgainOnWhatThatWriterWrote() {
        StoredResource group = group();
        Interrupted store = new Interrupted(3);
        AtomicInteger runs = new AtomicInteger();

        StoredResource result = store.modify("t", groups, group.id(), held -> increment(held, runs));

        assertThat(runs).hasValue(4);
        JsonObject after = memory.find("t", groups, group.id()).orElseThrow().attributes();
        assertThat(after.getString("displayName")).isEqualTo("1");
        assertThat(after.getString("externalId")).isEqualTo("other-0");
        assertThat(result.meta().version()).isEqualTo(5);
    }

    @Test
    void onlyAResourceOvertakenOnEveryAttemptIsA412AndKeepsTheOtherWritersChanges() {
        StoredResource group = group();
        Interrupted store = new Interrupted(OptimisticHold.ATTEMPTS);
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> store.modify("t", groups, group.id(), held -> increment(held, runs)))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("changed by other writers");

        assertThat(runs).hasValue(OptimisticHold.ATTEMPTS);
        StoredResource after = memory.find("t", groups, group.id()).orElseThrow();
        assertThat(after.attributes().getString("displayName")).isEqualTo("0");
        assertThat(after.meta().version()).isEqualTo(1 + OptimisticHold.ATTEMPTS);
    }

    @Test
    void theWorksOwn412IsTheClientsAndIsNotRetried() {
        StoredResource group = group();
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> new Interrupted(0).modify("t", groups, group.id(), held -> {
            runs.incrementAndGet();
            held.read();
            throw new PreconditionFailedException("not the version given in If-Match");
        })).isInstanceOf(PreconditionFailedException.class).hasMessageContaining("If-Match");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aSecondReadOfAnotherVersionStartsOver() {
        StoredResource group = group();
        AtomicInteger runs = new AtomicInteger();
        ResourceStore store = new ForwardingResourceStore(memory);

        StoredResource result = store.modify("t", groups, group.id(), held -> {
            held.read();
            if (runs.incrementAndGet() == 1) {
                memory.replace("t", groups, group.id(), Json.createObjectBuilder().add("displayName", "moved").build(),
                        OptionalLong.empty());
            }
            return held.read();
        });

        assertThat(runs).hasValue(2);
        assertThat(result.attributes().getString("displayName")).isEqualTo("moved");
    }

    @Test
    void aMissingResourceIs404() {
        assertThatThrownBy(() -> new ForwardingResourceStore(memory).modify("t", groups, "nope", HeldResource::read))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}

package org.scimee.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimee.error.ScimException;
import org.scimee.patch.RandomGroupPatches;
import org.scimee.patch.CompatibilityProfile;
import org.scimee.patch.PatchEngine;
import org.scimee.patch.PatchRequest;
import org.scimee.patch.PatchResult;
import org.scimee.patch.PatchScope;
import org.scimee.projection.Projection;
import org.scimee.store.Change;
import org.scimee.store.ChangeSet;
import org.scimee.store.StoredResource;

/**
 * PATCH on a partial view ({@link JpaResourceStore#findPartial}): the element rows a value-keyed PATCH does not name
 * are never read, and the result is what the engine gives on the whole group.
 */
abstract class JpaPartialPatchContract extends JpaResourceStoreContract {

    private static final RandomGroupPatches PATCHES = new RandomGroupPatches(360, 40);

    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private final PatchEngine engine = new PatchEngine(registry);

    private Connection database() throws SQLException {
        return DriverManager.getConnection(properties.get("jakarta.persistence.jdbc.url"),
                properties.get("jakarta.persistence.jdbc.user"), properties.get("jakarta.persistence.jdbc.password"));
    }

    private static PatchRequest request(String operations, CompatibilityProfile profile) {
        return PatchRequest.parse(json("{\"schemas\":[\"" + PatchRequest.PATCH_OP + "\"],\"Operations\":"
                + operations + "}"), profile);
    }


    @Test
    void aValueKeyedPatchReadsOnlyTheNamedMemberRows() throws Exception {
        String tenant = "partial-" + UUID.randomUUID();
        JsonObject original = RandomGroupPatches.group(2_000, "Large");
        StoredResource group = store.create(tenant, groups, original);
        // every other element row becomes unreadable: reading any of them would fail
        try (Connection connection = database(); PreparedStatement update = connection.prepareStatement(
                "UPDATE scim_element SET element_json = ? WHERE tenant = ? AND resource_id = ?"
                        + " AND value_key NOT IN ('m-7', 'm-8')")) {
            update.setString(1, "{broken");
            update.setString(2, tenant);
            update.setString(3, group.id());
            assertThat(update.executeUpdate()).isEqualTo(1_998);
        }
        assertThatThrownBy(() -> store.find(tenant, groups, group.id())).isInstanceOf(RuntimeException.class);

        PatchRequest request = request("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"m-new\",\"type\":\"User\"},"
                + "{\"value\":\"m-8\",\"type\":\"User\"}]},{\"op\":\"remove\",\"path\":\"members[value eq \\\"M-7\\\"]\"},"
                + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"absent\\\"]\"}]", CompatibilityProfile.DEFAULT);
        PatchScope scope = PatchScope.of(registry, groups, request);
        assertThat(scope.elementsByValue()).isEqualTo(Map.of("members", Set.of("m-new", "m-8", "M-7", "absent")));
        StoredResource partial = store.findPartial(tenant, groups, group.id(), scope.elementsByValue()).orElseThrow();
        JsonObject m7 = json("{\"value\":\"m-7\",\"type\":\"User\"}");
        JsonObject m8 = json("{\"value\":\"m-8\",\"type\":\"User\"}");
        JsonObject fresh = json("{\"value\":\"m-new\",\"type\":\"User\"}");
        assertThat(partial.attributes().getJsonArray("members")).containsExactly(m7, m8);
        assertThat(partial.meta()).isEqualTo(group.meta());

        PatchResult result = engine.apply(groups, partial.attributes(), request, CompatibilityProfile.DEFAULT);
        ChangeSet delta = scope.changes(partial.attributes(), result).orElseThrow();
        assertThat(delta).isEqualTo(new ChangeSet(List.of(new Change.RemoveValues(null, "members", List.of(m7)),
                new Change.AddValues(null, "members", List.of(fresh)))));
        // answered with 204: nothing of the members is read back
        StoredResource updated = store.update(tenant, groups, group.id(), delta, OptionalLong.of(1),
                Projection.parse(registry, groups, "id", null));
        assertThat(updated.meta().version()).isEqualTo(2);
        assertThat(updated.attributes()).isEqualTo(json("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Large\"}"));

        // mend the rows behind the store's back: the whole group is what the engine makes of the whole group
        try (Connection connection = database(); PreparedStatement update = connection.prepareStatement(
                "UPDATE scim_element SET element_json = CONCAT('{\"value\":\"', value_key, '\",\"type\":\"User\"}')"
                        + " WHERE tenant = ? AND resource_id = ? AND element_json = '{broken'")) {
            update.setString(1, tenant);
            update.setString(2, group.id());
            assertThat(update.executeUpdate()).isEqualTo(1_998);
        }
        JsonObject expected = engine.apply(groups, original, request, CompatibilityProfile.DEFAULT).attributes();
        assertThat(store.find(tenant, groups, group.id()).orElseThrow().attributes()).isEqualTo(expected);
        assertThat(expected.getJsonArray("members")).hasSize(2_000);
    }

    @Test
    void partialFindsKeepOtherAttributesWholeAndUntouchedElementAttributesEmpty() {
        String tenant = "partial-find-" + UUID.randomUUID();
        StoredResource group = store.create(tenant, groups, RandomGroupPatches.group(5, "Large"));
        assertThat(store.findPartial(tenant, groups, group.id(), Map.of("members", Set.of())).orElseThrow().attributes())
                .isEqualTo(json("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Large\"}"));
        assertThat(store.findPartial(tenant, groups, group.id(), Map.of("members", Set.of("M-3", "m-4", "x")))
                .orElseThrow().attributes().getJsonArray("members"))
                .containsExactly(json("{\"value\":\"m-3\",\"type\":\"User\"}"), json("{\"value\":\"m-4\",\"type\":\"User\"}"));
        assertThat(store.findPartial(tenant, groups, group.id(), Map.of())).isEqualTo(store.find(tenant, groups, group.id()));
        assertThat(store.findPartial(tenant, groups, "nope", Map.of("members", Set.of("m-1")))).isEmpty();
    }

    @Test
    void randomPatchesOnPartialViewsEqualTheEngineOnTheWholeGroup() {
        String tenant = "partial-random-" + UUID.randomUUID();
        Random random = new Random(4_122_026L);
        JsonObject expected = RandomGroupPatches.group(300, "Large");
        StoredResource group = store.create(tenant, groups, expected);
        int partial = 0;
        for (int step = 0; step < 300; step++) {
            CompatibilityProfile profile = random.nextInt(4) == 0 ? CompatibilityProfile.RFC : CompatibilityProfile.DEFAULT;
            String operations = PATCHES.operations(random);
            PatchRequest request = request(operations, profile);
            Object wanted;
            try {
                wanted = engine.apply(groups, expected, request, profile).attributes();
            } catch (ScimException e) {
                wanted = e.getClass();
            }
            Object got;
            try {
                got = patch(tenant, group.id(), request, profile, random.nextBoolean()
                        ? null : Projection.parse(registry, groups, "id", null));
                if (got == Boolean.TRUE) {
                    partial++;
                }
            } catch (ScimException e) {
                got = e.getClass();
            }
            if (wanted instanceof JsonObject after) {
                expected = after;
                assertThat(got).as("step " + step + ": " + operations).isInstanceOf(Boolean.class);
            } else {
                assertThat(got).as("step " + step + ": " + operations).isEqualTo(wanted);
            }
            if (step % 25 == 24) {
                assertThat(store.find(tenant, groups, group.id()).orElseThrow().attributes())
                        .as("after step " + step).isEqualTo(expected);
            }
        }
        assertThat(store.find(tenant, groups, group.id()).orElseThrow().attributes()).isEqualTo(expected);
        assertThat(partial).as("patches done on a partial view").isGreaterThan(60);
    }

    /** What ResourceOperations.patch does with the store; whether a partial view was enough. */
    private Boolean patch(String tenant, String id, PatchRequest request, CompatibilityProfile profile, Projection response) {
        PatchScope scope = PatchScope.of(registry, groups, request);
        StoredResource read = scope.isPartial()
                ? store.findPartial(tenant, groups, id, scope.elementsByValue()).orElseThrow()
                : store.find(tenant, groups, id).orElseThrow();
        PatchResult result = engine.apply(groups, read.attributes(), request, profile);
        Optional<ChangeSet> delta = scope.isPartial() ? scope.changes(read.attributes(), result) : Optional.empty();
        ChangeSet changes;
        if (delta.isPresent()) {
            changes = delta.get();
        } else {
            read = store.find(tenant, groups, id).orElseThrow();
            changes = engine.apply(groups, read.attributes(), request, profile).changes();
        }
        if (!changes.isEmpty()) {
            store.update(tenant, groups, id, changes, OptionalLong.of(read.meta().version()), response);
        }
        return delta.isPresent();
    }



}

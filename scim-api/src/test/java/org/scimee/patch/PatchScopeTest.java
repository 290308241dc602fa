package org.scimee.patch;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimee.error.ScimException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Change;
import org.scimee.store.ChangeSet;
import org.scimee.store.PartialElements;
import org.scimee.store.StoredResource;
import org.scimee.store.memory.InMemoryResourceStore;

/** {@link PatchScope}: which elements a PATCH needs, and that the engine on that partial view gives the delta. */
class PatchScopeTest {

    private static final RandomGroupPatches PATCHES = new RandomGroupPatches(60, 20);

    private static final SchemaRegistry REGISTRY = PatchCasesTest.REGISTRY;
    private static final PatchEngine ENGINE = new PatchEngine(REGISTRY);
    private static final ResourceType USERS = REGISTRY.resourceType("User").orElseThrow();
    private static final ResourceType GROUPS = REGISTRY.resourceType("Group").orElseThrow();
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static PatchRequest request(String operations) {
        return PatchRequest.parse(json("{\"schemas\":[\"" + PatchRequest.PATCH_OP + "\"],\"Operations\":"
                + operations + "}"), CompatibilityProfile.DEFAULT);
    }

    private static Map<String, Set<String>> scope(ResourceType type, String operations) {
        return PatchScope.of(REGISTRY, type, request(operations)).elementsByValue();
    }

    @Test
    void valueKeyedOperationsNameTheirElements() {
        assertThat(scope(GROUPS, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"a\"},{\"value\":\"b\",\"type\":\"User\"}]}]"))
                .isEqualTo(Map.of("members", Set.of("a", "b")));
        assertThat(scope(GROUPS, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"x\\\" or value eq \\\"y\\\"]\"}]"))
                .isEqualTo(Map.of("members", Set.of("x", "y")));
        assertThat(scope(GROUPS, "[{\"op\":\"remove\",\"path\":\"Members\",\"value\":[{\"value\":\"z\"},\"w\"]}]"))
                .isEqualTo(Map.of("members", Set.of("z", "w")));
        assertThat(scope(GROUPS, "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"x\\\"].type\",\"value\":\"Group\"},"
                + "{\"op\":\"add\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:Group:members\",\"value\":[{\"value\":\"n\"}]}]"))
                .isEqualTo(Map.of("members", Set.of("x", "n")));
    }

    @Test
    void untouchedCandidatesAreReadWithoutElements() {
        assertThat(scope(GROUPS, "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]"))
                .isEqualTo(Map.of("members", Set.of()));
        assertThat(scope(GROUPS, "[{\"op\":\"replace\",\"value\":{\"displayName\":\"x\"}}]"))
                .isEqualTo(Map.of("members", Set.of()));
    }

    @Test
    void everyOtherShapeReadsTheAttributeWhole() {
        for (String operations : List.of(
                "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"a\"}]}]",
                "[{\"op\":\"remove\",\"path\":\"members\"}]",
                "[{\"op\":\"add\",\"value\":{\"members\":[{\"value\":\"a\"}]}}]",
                "[{\"op\":\"add\",\"value\":{\"urn:ietf:params:scim:schemas:core:2.0:Group\":{\"displayName\":\"x\"}}}]",
                "[{\"op\":\"remove\",\"path\":\"members[type eq \\\"User\\\"]\"}]",
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"a\\\" and type eq \\\"User\\\"]\"}]",
                "[{\"op\":\"remove\",\"path\":\"members[value co \\\"a\\\"]\"}]",
                "[{\"op\":\"add\",\"path\":\"members[value eq \\\"a\\\"]\",\"value\":{\"type\":\"User\"}}]",
                "[{\"op\":\"replace\",\"path\":\"members.type\",\"value\":\"User\"}]",
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":{\"value\":\"a\"}}]",
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[\"a\"]}]",
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":1}]}]",
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"a\"}]},{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]",
                // re-adding what was removed moves it to the end of the whole array
                "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"A\\\"]\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"a\"}]}]")) {
            assertThat(scope(GROUPS, operations)).as(operations).isEmpty();
        }
    }

    @Test
    void attributesWithPrimaryOrRequiredOrReadOnlyAreNeverPartial() {
        // User: emails, phoneNumbers, ... have 'primary'; groups is readOnly
        assertThat(scope(USERS, "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a@example.com\"}]}]")).isEmpty();
        assertThat(scope(USERS, "[{\"op\":\"remove\",\"path\":\"emails[value eq \\\"a@example.com\\\"]\"}]")).isEmpty();
    }

    @Test
    void theDefaultFindFiltersTheNamedArraysInMemory() {
        InMemoryResourceStore store = new InMemoryResourceStore(REGISTRY);
        StoredResource group = store.create("t", GROUPS, json("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"G\","
                + "\"members\":[{\"value\":\"A\",\"type\":\"User\"},{\"value\":\"b\"},{\"value\":\"c\"}]}"));

        StoredResource partial = store.findPartial("t", GROUPS, group.id(), Map.of("members", Set.of("a", "c", "zz")))
                .orElseThrow();
        assertThat(partial.attributes()).isEqualTo(json("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"G\","
                + "\"members\":[{\"value\":\"A\",\"type\":\"User\"},{\"value\":\"c\"}]}"));
        assertThat(partial.meta()).isEqualTo(group.meta());
        assertThat(store.findPartial("t", GROUPS, group.id(), Map.of("members", Set.of())).orElseThrow().attributes())
                .isEqualTo(json("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"G\"}"));
        assertThat(store.findPartial("t", GROUPS, group.id(), Map.of())).contains(group);
        assertThat(store.findPartial("t", GROUPS, "nope", Map.of("members", Set.of("a")))).isEmpty();
    }

    @Test
    void theEngineOnThePartialViewGivesExactlyTheDelta() {
        JsonObject full = RandomGroupPatches.group(50);
        JsonObject m7 = json("{\"value\":\"m-7\",\"type\":\"User\"}");
        JsonObject fresh = json("{\"value\":\"m-new\",\"type\":\"User\"}");
        assertThat(delta(full, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"m-new\",\"type\":\"User\"}]}]"))
                .contains(new ChangeSet(List.of(new Change.AddValues(null, "members", List.of(fresh)))));
        assertThat(delta(full, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"m-7\",\"type\":\"User\"}]}]"))
                .contains(ChangeSet.empty());
        assertThat(delta(full, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"m-7\\\"]\"}]"))
                .contains(new ChangeSet(List.of(new Change.RemoveValues(null, "members", List.of(m7)))));
        assertThat(delta(full, "[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"m-7\"}]}]"))
                .contains(new ChangeSet(List.of(new Change.RemoveValues(null, "members", List.of(m7)))));
        assertThat(delta(full, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"absent\\\"]\"}]"))
                .contains(ChangeSet.empty());
        // the first member added, then a filtered remove of both: the added one never reaches the store
        assertThat(delta(full, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"m-new\"}]},"
                + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"m-new\\\" or value eq \\\"m-7\\\"]\"}]"))
                .contains(new ChangeSet(List.of(new Change.RemoveValues(null, "members", List.of(m7)))));
        // an element edited in place is not a delta: the caller must read the whole resource
        JsonObject untyped = json("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"G\",\"members\":"
                + "[{\"value\":\"a\"},{\"value\":\"b\"}]}");
        assertThat(delta(untyped, "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"a\\\"].type\",\"value\":\"User\"}]"))
                .isEmpty();
    }

    /** The change set the partial flow computes for {@code operations} on {@code full}; empty means "read it all". */
    private static Optional<ChangeSet> delta(JsonObject full, String operations) {
        PatchRequest request = request(operations);
        PatchScope scope = PatchScope.of(REGISTRY, GROUPS, request);
        assertThat(scope.isPartial()).isTrue();
        JsonObject partial = PartialElements.keep(full, scope.elementsByValue());
        Optional<ChangeSet> delta = scope.changes(partial, ENGINE.apply(GROUPS, partial, request, CompatibilityProfile.DEFAULT));
        delta.ifPresent(changes -> assertThat(changes.applyTo(full))
                .isEqualTo(ENGINE.apply(GROUPS, full, request, CompatibilityProfile.DEFAULT).attributes()));
        return delta;
    }

    @Test
    void randomPatchesGiveWhatTheEngineGivesOnTheWholeGroup() {
        Random random = new Random(20261204L);
        for (CompatibilityProfile profile : List.of(CompatibilityProfile.DEFAULT, CompatibilityProfile.RFC)) {
            JsonObject full = RandomGroupPatches.group(40);
            int partial = 0;
            for (int step = 0; step < 400; step++) {
                String operations = PATCHES.operations(random);
                PatchRequest request = PatchRequest.parse(json("{\"schemas\":[\"" + PatchRequest.PATCH_OP
                        + "\"],\"Operations\":" + operations + "}"), profile);
                PatchScope scope = PatchScope.of(REGISTRY, GROUPS, request);
                Object expected;
                try {
                    expected = ENGINE.apply(GROUPS, full, request, profile).attributes();
                } catch (ScimException e) {
                    expected = e.getClass();
                }
                Object actual;
                JsonObject before = full;
                try {
                    JsonObject view = PartialElements.keep(before, scope.elementsByValue());
                    PatchResult result = ENGINE.apply(GROUPS, view, request, profile);
                    Optional<ChangeSet> delta = scope.isPartial() ? scope.changes(view, result) : Optional.of(result.changes());
                    if (scope.isPartial() && delta.isPresent()) {
                        partial++;
                    }
                    actual = delta.orElseGet(() -> ENGINE.apply(GROUPS, before, request, profile).changes()).applyTo(before);
                } catch (ScimException e) {
                    actual = e.getClass();
                }
                assertThat(actual).as(profile.name() + " step " + step + ": " + operations).isEqualTo(expected);
                if (expected instanceof JsonObject after) {
                    full = after;
                }
            }
            assertThat(partial).as("patches done on a partial view").isGreaterThan(100);
        }
    }





    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

}

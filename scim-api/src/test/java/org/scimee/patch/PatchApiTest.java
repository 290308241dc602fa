package org.scimee.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.error.ScimException;
import org.scimee.error.TooManyException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Change;
import org.scimee.store.ChangeSet;
import org.scimee.store.ForwardingResourceStore;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;
import org.scimee.store.memory.InMemoryResourceStore;

class PatchApiTest {

    private static final SchemaRegistry REGISTRY = PatchCasesTest.REGISTRY;
    private static final PatchEngine ENGINE = new PatchEngine(REGISTRY);
    private static final ResourceType USERS = REGISTRY.resourceType("User").orElseThrow();
    private static final ResourceType GROUPS = REGISTRY.resourceType("Group").orElseThrow();
    private static final String PATCH_OP = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":";

    @Test
    void profilesAreFoundByName() {
        assertThat(CompatibilityProfile.named("rfc")).isSameAs(CompatibilityProfile.RFC);
        assertThat(CompatibilityProfile.named(" Default ")).isSameAs(CompatibilityProfile.DEFAULT);
        assertThatThrownBy(() -> CompatibilityProfile.named("azure")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rfc, default");
    }

    @Test
    void operationsPerRequestAreLimited() {
        JsonArrayBuilder ops = Json.createArrayBuilder();
        for (int i = 0; i < PatchRequest.DEFAULT_MAX_OPERATIONS + 1; i++) {
            ops.add(Json.createObjectBuilder().add("op", "add").add("path", "title").add("value", "t" + i));
        }
        JsonObject body = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(PatchRequest.PATCH_OP))
                .add("Operations", ops).build();
        assertThatThrownBy(() -> PatchRequest.parse(body, CompatibilityProfile.DEFAULT))
                .isInstanceOfSatisfying(TooManyException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("tooMany");
                    assertThat(e.detail()).contains("at most 1000");
                });
        assertThat(PatchRequest.parse(body, CompatibilityProfile.DEFAULT, 2000).operations()).hasSize(1001);
        assertThatThrownBy(() -> PatchRequest.parse(json(PATCH_OP + "[{\"op\":\"remove\",\"path\":\"a\"},"
                + "{\"op\":\"remove\",\"path\":\"b\"}]}"), CompatibilityProfile.RFC, 1)).isInstanceOf(TooManyException.class);
    }

    @Test
    void parsedOperationsKeepIndexOpPathAndValue() {
        PatchRequest request = PatchRequest.parse(json(PATCH_OP
                + "[{\"op\":\"Remove\",\"path\":\"members[value eq \\\"x\\\"]\"},{\"op\":\"replace\",\"value\":null,"
                + "\"path\":\"title\"}]}"), CompatibilityProfile.DEFAULT);
        assertThat(request.operations()).hasSize(2);
        PatchOperation first = request.operations().get(0);
        assertThat(first.index()).isZero();
        assertThat(first.op()).isEqualTo(PatchOperation.Op.REMOVE);
        assertThat(first.path().toString()).isEqualTo("members[value eq \"x\"]");
        assertThat(first.value()).isNull();
        assertThat(request.operations().get(1).value()).isEqualTo(JsonValue.NULL);
        assertThat(request.rewrites()).singleElement().asString().contains("Operations[0]", "\"Remove\"");
        assertThat(first.describe()).isEqualTo("Operations[0] (remove members[value eq \"x\"])");
    }

    @Test
    void addingOneMemberToAHugeGroupIsOneAddValues() {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (int i = 0; i < 100_000; i++) {
            members.add(Json.createObjectBuilder().add("value", "member-" + i).add("type", "User"));
        }
        JsonObject group = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(SchemaRegistry.GROUP_SCHEMA))
                .add("displayName", "Everyone").add("members", members).build();
        PatchResult added = apply(GROUPS, group, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"new\"}]}]");
        assertThat(added.changes().changes()).containsExactly(new Change.AddValues(null, "members",
                List.of(Json.createObjectBuilder().add("value", "new").build())));
        assertThat(added.attributes().getJsonArray("members")).hasSize(100_001);

        PatchResult removed = apply(GROUPS, group, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"member-7\\\"]\"}]");
        assertThat(removed.changes().changes()).containsExactly(new Change.RemoveValues(null, "members",
                List.of(Json.createObjectBuilder().add("value", "member-7").add("type", "User").build())));
        assertThat(removed.changes().applyTo(group)).isEqualTo(removed.attributes());

        PatchResult renamed = apply(GROUPS, group, "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"All\"}]");
        assertThat(renamed.changes().changes()).containsExactly(new Change.SetValue(null, "displayName", Json.createValue("All")));
    }

    @Test
    void changeKindsForExtensionsAndInPlaceEdits() {
        JsonObject user = json("{\"schemas\":[\"" + SchemaRegistry.USER_SCHEMA + "\",\"" + SchemaRegistry.ENTERPRISE_USER_SCHEMA
                + "\"],\"userName\":\"b\",\"emails\":[{\"value\":\"a@x\",\"type\":\"work\"},{\"value\":\"b@x\",\"type\":\"home\"}],"
                + "\"" + SchemaRegistry.ENTERPRISE_USER_SCHEMA + "\":{\"department\":\"D\"}}");
        PatchResult edited = apply(USERS, user, "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"c@x\"},"
                + "{\"op\":\"replace\",\"path\":\"" + SchemaRegistry.ENTERPRISE_USER_SCHEMA + ":department\",\"value\":\"E\"}]");
        // an element edited in place keeps its position, so the whole list is set (documented choice)
        assertThat(edited.changes().changes()).containsExactlyInAnyOrder(
                new Change.SetValue(null, "emails", edited.attributes().get("emails")),
                new Change.SetValue(SchemaRegistry.ENTERPRISE_USER_SCHEMA, "department", Json.createValue("E")));
        PatchResult cleared = apply(USERS, user, "[{\"op\":\"remove\",\"path\":\"" + SchemaRegistry.ENTERPRISE_USER_SCHEMA
                + ":department\"}]");
        assertThat(cleared.changes().changes()).containsExactlyInAnyOrder(
                new Change.SetValue(null, "schemas", Json.createArrayBuilder().add(SchemaRegistry.USER_SCHEMA).build()),
                new Change.Clear(null, SchemaRegistry.ENTERPRISE_USER_SCHEMA));
        assertThat(cleared.changes().applyTo(user)).isEqualTo(cleared.attributes());
        assertThat(apply(USERS, user, "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a@x\",\"type\":\"work\"}]}]")
                .changes().isEmpty()).isTrue();
    }

    @Test
    void defaultStoreUpdateAppliesTheChangesWithTheReadVersion() {
        InMemoryResourceStore store = new InMemoryResourceStore(REGISTRY);
        StoredResource created = store.create("t", GROUPS, json("{\"schemas\":[\"" + SchemaRegistry.GROUP_SCHEMA
                + "\"],\"displayName\":\"G\",\"members\":[{\"value\":\"m1\"}]}"));
        PatchResult result = apply(GROUPS, created.attributes(), "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"m2\"}]}]");
        StoredResource updated = store.update("t", GROUPS, created.id(), result.changes(), OptionalLong.of(1));
        assertThat(updated.attributes()).isEqualTo(result.attributes());
        assertThat(updated.meta().version()).isEqualTo(2);
        assertThatThrownBy(() -> store.update("t", GROUPS, created.id(), result.changes(), OptionalLong.of(1)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> store.update("t", GROUPS, "nope", result.changes(), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> store.update("other-tenant", GROUPS, created.id(), result.changes(), OptionalLong.empty()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void defaultStoreUpdateNeverLosesAConcurrentUpdate() {
        InMemoryResourceStore memory = new InMemoryResourceStore(REGISTRY);
        StoredResource created = memory.create("t", GROUPS, json("{\"schemas\":[\"" + SchemaRegistry.GROUP_SCHEMA
                + "\"],\"displayName\":\"G\"}"));
        // a store whose reads race with another writer: between find and replace someone renames the group
        ResourceStore racing = new ForwardingResourceStore(memory) {
            @Override
            public Optional<StoredResource> find(String tenant, ResourceType type, String id) {
                Optional<StoredResource> read = memory.find(tenant, type, id);
                memory.replace(tenant, type, id, json("{\"schemas\":[\"" + SchemaRegistry.GROUP_SCHEMA
                        + "\"],\"displayName\":\"Renamed\"}"), OptionalLong.empty());
                return read;
            }
        };
        ChangeSet changes = apply(GROUPS, created.attributes(), "[{\"op\":\"add\",\"path\":\"externalId\",\"value\":\"x\"}]").changes();
        assertThatThrownBy(() -> racing.update("t", GROUPS, created.id(), changes, OptionalLong.empty()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(memory.find("t", GROUPS, created.id()).orElseThrow().attributes().getString("displayName")).isEqualTo("Renamed");
    }

    @Test
    void tolerancesAreLoggedAtFineWithoutWriteOnlyValues() {
        Logger logger = Logger.getLogger("org.scimee.patch");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = logger.getLevel();
        logger.addHandler(handler);
        logger.setLevel(Level.FINE);
        try {
            JsonObject user = json("{\"schemas\":[\"" + SchemaRegistry.USER_SCHEMA + "\"],\"userName\":\"b\"}");
            PatchResult result = apply(USERS, user, "[{\"op\":\"Replace\",\"path\":\"password\",\"value\":[\"hunter2-Secret\"]},"
                    + "{\"op\":\"Replace\",\"value\":{\"password\":\"other-Secret\",\"active\":\"False\",\"name.givenName\":\"B\"}}]");
            assertThat(result.attributes().getString("password")).isEqualTo("other-Secret");
            assertThat(result.attributes().getBoolean("active")).isFalse();
            assertThat(result.rewrites()).hasSizeGreaterThanOrEqualTo(4)
                    .anySatisfy(r -> assertThat(r).contains("Operations[1]", "'active'", "boolean"))
                    .anySatisfy(r -> assertThat(r).contains("Operations[0]", "'password'", "one-element array"))
                    .allSatisfy(r -> assertThat(r).doesNotContain("Secret"));
            assertThat(records).isNotEmpty().allSatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.FINE);
                assertThat(new java.util.logging.SimpleFormatter().formatMessage(r)).doesNotContain("Secret");
            });
            assertThat(records).hasSize(result.rewrites().size());
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
    }

    @Test
    void errorsNameTheOperationAndPath() {
        JsonObject user = json("{\"schemas\":[\"" + SchemaRegistry.USER_SCHEMA + "\"],\"userName\":\"b\",\"emails\":[{\"value\":\"a@x\"}]}");
        assertThatThrownBy(() -> apply(USERS, user, "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"t\"},{\"op\":\"add\",\"path\":\"nickName\","
                + "\"value\":\"n\"},{\"op\":\"remove\",\"path\":\"emails[type eq \\\"x\\\"]\"}]", CompatibilityProfile.RFC))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.scimType()).isEqualTo("noTarget");
                    assertThat(e.detail()).startsWith("Operations[2] (remove emails[type eq \"x\"]): ");
                });
    }

    private static PatchResult apply(ResourceType type, JsonObject before, String operations) {
        return apply(type, before, operations, CompatibilityProfile.DEFAULT);
    }

    private static PatchResult apply(ResourceType type, JsonObject before, String operations, CompatibilityProfile profile) {
        return ENGINE.apply(type, before, PatchRequest.parse(json(PATCH_OP + operations + "}"), profile), profile);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

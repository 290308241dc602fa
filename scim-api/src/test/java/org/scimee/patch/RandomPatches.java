package org.scimee.patch;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;

/**
 * Seeded generators of canonical resources and PATCH bodies, valid and invalid, biased towards the shapes real
 * clients send (for property tests without a property-testing library).
 */
final class RandomPatches {

    static final String USER = SchemaRegistry.USER_SCHEMA;
    static final String GROUP = SchemaRegistry.GROUP_SCHEMA;
    static final String ENT = SchemaRegistry.ENTERPRISE_USER_SCHEMA;
    static final String PATCH_OP = PatchRequest.PATCH_OP;

    private static final List<String> IDS = List.of("m1", "m2", "m3", "M1", "7f4bc1a3", "26118915");
    private static final List<String> TYPES = List.of("work", "home", "other", "WORK", "mobile");
    private static final List<String> USER_PATHS = List.of(
            "userName", "displayName", "nickName", "title", "active", "password", "externalId", "id", "meta", "groups",
            "name", "name.givenName", "name.familyName", "NAME.givenname", "emails", "emails.value", "emails.type",
            "emails.primary", "emails[type eq \"work\"]", "emails[type eq \"work\"].value",
            "emails[type eq \"home\" and primary eq true].display", "emails[value co \"@\"]", "emails[primary pr]",
            "emails[not (type eq \"work\")]", "phoneNumbers[type eq \"mobile\"].value", "phoneNumbers",
            "addresses[type eq \"work\"].streetAddress", "addresses", "roles", "x509Certificates",
            ENT + ":employeeNumber", ENT + ":manager", ENT + ":manager.value", ENT + ":manager.displayName",
            ENT + ":manager[value eq \"m1\"]", "manager", "manager[value eq \"m1\"]", "manager.value", "department",
            ENT + ":department", "urn:ietf:params:scim:schemas:core:2.0:User:title", "unknown", "name.unknown",
            "emails[unknown eq 1]", "emails[type eq 1]", "emails[", "emails]", "title[value eq \"x\"]",
            "emails.value[type eq \"x\"]", "emails[type eq \"work\"].nope", "", " ", "urn:bad:Thing:x", "schemas",
            "emails[type eq \"work\" or type eq \"home\"].primary", "ims[value sw \"a\"]", "$ref");
    private static final List<String> GROUP_PATHS = List.of(
            "displayName", "members", "members.value", "members.display", "members[value eq \"m1\"]",
            "members[value eq \"M2\"].type", "members[value eq \"m3\"].value", "members[type eq \"User\"]",
            "members[value eq \"7f4bc1a3\"]", "externalId", "id", "members[display pr]", "manager",
            "members[value eq \"m1\"].$ref", "displayname", "members[value ne \"m1\"]");
    private static final List<String> DEVICE_PATHS = List.of(
            "name", "serial", "enabled", "ports", "ratio", "tags", "secret", "firmware", "seenAt", "owner",
            "owner.value", "owner[value eq \"m1\"]", "interfaces", "interfaces[name eq \"eth0\"]",
            "interfaces[name eq \"eth0\"].mac", "interfaces[speed gt 10].speed", "interfaces.primary",
            "interfaces[primary eq true].name", "interfaces.name");

    private final Random random;
    private final SchemaRegistry registry;
    private final ResourceValidator validator;

    RandomPatches(long seed, SchemaRegistry registry) {
        this.random = new Random(seed);
        this.registry = registry;
        this.validator = new ResourceValidator(registry);
    }

    Random random() {
        return random;
    }

    ResourceType type() {
        String id = pick(List.of("User", "User", "Group", "Device"));
        return registry.resourceType(id).orElseThrow();
    }

    CompatibilityProfile profile() {
        return random.nextBoolean() ? CompatibilityProfile.DEFAULT : CompatibilityProfile.RFC;
    }

    /** A random resource of {@code type}, canonical (made so by the validator). */
    JsonObject resource(ResourceType type) {
        JsonObjectBuilder raw = Json.createObjectBuilder();
        switch (type.id()) {
            case "User" -> {
                raw.add("userName", "user" + random.nextInt(1000));
                maybe(() -> raw.add("displayName", word()));
                maybe(() -> raw.add("active", random.nextBoolean()));
                maybe(() -> raw.add("title", word()));
                maybe(() -> raw.add("externalId", word()));
                maybe(() -> raw.add("password", "s3cret"));
                maybe(() -> raw.add("name", Json.createObjectBuilder().add("givenName", word()).add("familyName", word())));
                maybe(() -> raw.add("emails", typedValues(true)));
                maybe(() -> raw.add("phoneNumbers", typedValues(true)));
                maybe(() -> raw.add("roles", typedValues(false)));
                if (random.nextBoolean()) {
                    JsonObjectBuilder ent = Json.createObjectBuilder();
                    maybe(() -> ent.add("employeeNumber", Integer.toString(random.nextInt(99999))));
                    maybe(() -> ent.add("department", word()));
                    maybe(() -> ent.add("manager", Json.createObjectBuilder().add("value", pick(IDS))));
                    raw.add(ENT, ent);
                }
            }
            case "Group" -> {
                raw.add("displayName", word());
                if (random.nextInt(4) > 0) {
                    JsonArrayBuilder members = Json.createArrayBuilder();
                    int n = random.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        JsonObjectBuilder member = Json.createObjectBuilder().add("value", "m" + i);
                        maybe(() -> member.add("type", pick(List.of("User", "Group"))));
                        members.add(member);
                    }
                    raw.add("members", members);
                }
            }
            default -> {
                raw.add("name", word());
                maybe(() -> raw.add("serial", word()));
                maybe(() -> raw.add("enabled", random.nextBoolean()));
                maybe(() -> raw.add("ports", Json.createArrayBuilder().add(random.nextInt(100)).add(443)));
                maybe(() -> raw.add("ratio", new BigDecimal("0.5")));
                maybe(() -> raw.add("tags", Json.createArrayBuilder().add(word()).add("t")));
                maybe(() -> raw.add("owner", Json.createObjectBuilder().add("value", pick(IDS))));
                maybe(() -> raw.add("interfaces", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "eth0").add("speed", 100).add("primary", true))
                        .add(Json.createObjectBuilder().add("name", "eth1").add("mac", "aa"))));
            }
        }
        return validator.forCreate(type, raw.build());
    }

    private JsonArrayBuilder typedValues(boolean primary) {
        JsonArrayBuilder values = Json.createArrayBuilder();
        int n = 1 + random.nextInt(3);
        boolean primaryUsed = false;
        for (int i = 0; i < n; i++) {
            JsonObjectBuilder value = Json.createObjectBuilder().add("value", word() + "@example.com").add("type", pick(TYPES));
            if (primary && !primaryUsed && random.nextInt(3) == 0) {
                value.add("primary", true);
                primaryUsed = true;
            }
            values.add(value);
        }
        return values;
    }

    /** A PATCH body: mostly well-formed, sometimes broken in structure. */
    JsonObject body(ResourceType type) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        int shape = random.nextInt(80);
        if (shape != 0) {
            body.add("schemas", shape == 1 ? Json.createArrayBuilder().add("urn:x") : Json.createArrayBuilder().add(PATCH_OP));
        }
        if (shape == 2) {
            return body.add("Operations", jsonValue(0)).build();
        }
        JsonArrayBuilder operations = Json.createArrayBuilder();
        int n = shape == 3 ? 0 : random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 1;
        for (int i = 0; i < n; i++) {
            operations.add(random.nextInt(80) == 0 ? jsonValue(1) : operation(type));
        }
        return body.add(random.nextInt(60) == 0 ? "operations" : "Operations", operations).build();
    }

    /** A well-typed operation (the engine should mostly accept it). */
    private JsonValue validOperation(ResourceType type) {
        String op = pick(List.of("add", "replace", "remove"));
        String id = pick(IDS);
        JsonObject member = Json.createObjectBuilder().add("value", id).build();
        JsonObject email = Json.createObjectBuilder().add("value", word() + "@x.org").add("type", pick(TYPES)).build();
        String[] path;
        JsonValue[] value;
        switch (type.id()) {
            case "User" -> {
                path = new String[] {"displayName", "active", "name.givenName", "emails", "emails[type eq \"work\"].value",
                        "emails[type eq \"home\"].primary", "title", ENT + ":department", ENT + ":manager", "manager",
                        "nickName", "emails[value co \"@\"]", "phoneNumbers[type eq \"mobile\"].value", "externalId"};
                value = new JsonValue[] {Json.createValue(word()), random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE,
                        Json.createValue(word()), Json.createArrayBuilder().add(email).build(), Json.createValue("a@b.c"),
                        JsonValue.TRUE, Json.createValue(word()), Json.createValue(word()), member, Json.createValue(id),
                        Json.createValue(word()), email, Json.createValue("+1 555"), Json.createValue(id)};
            }
            case "Group" -> {
                path = new String[] {"members", "members[value eq \"" + id + "\"]", "displayName", "members", "externalId"};
                value = new JsonValue[] {Json.createArrayBuilder().add(member).build(), JsonValue.NULL, Json.createValue(word()),
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", "m" + random.nextInt(6))).build(),
                        Json.createValue(word())};
            }
            default -> {
                path = new String[] {"tags", "ports", "enabled", "ratio", "owner.value", "interfaces[name eq \"eth0\"].speed",
                        "interfaces", "name"};
                value = new JsonValue[] {Json.createArrayBuilder().add(word()).build(),
                        Json.createArrayBuilder().add(random.nextInt(9000)).build(), JsonValue.FALSE,
                        Json.createValue(new BigDecimal("2.5")), Json.createValue(id), Json.createValue(random.nextInt(100)),
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "eth" + random.nextInt(4))).build(),
                        Json.createValue(word())};
            }
        }
        int i = random.nextInt(path.length);
        JsonObjectBuilder result = Json.createObjectBuilder().add("op", op).add("path", path[i]);
        if (!op.equals("remove")) {
            result.add("value", value[i]);
        }
        return result.build();
    }

    private JsonValue operation(ResourceType type) {
        if (random.nextBoolean()) {
            return validOperation(type);
        }
        JsonObjectBuilder op = Json.createObjectBuilder();
        int kind = random.nextInt(80);
        String name = null;
        if (kind == 0) {
            op.add("op", jsonValue(0));
        } else if (kind != 1) {
            name = random.nextInt(16) == 0 ? pick(List.of("Add", "Replace", "Remove", "REMOVE", "copy"))
                    : pick(List.of("add", "replace", "remove"));
            op.add("op", name);
        }
        List<String> paths = switch (type.id()) {
            case "User" -> USER_PATHS;
            case "Group" -> GROUP_PATHS;
            default -> DEVICE_PATHS;
        };
        int pathKind = random.nextInt(20);
        if (pathKind < 15) {
            op.add("path", pick(paths));
        } else if (pathKind == 15) {
            op.add("path", random.nextBoolean() ? JsonValue.NULL : jsonValue(0));
        }
        boolean remove = "remove".equalsIgnoreCase(name);
        if (remove ? random.nextInt(8) == 0 : random.nextInt(20) != 0) {
            op.add("value", pathKind >= 16 ? pathlessValue(paths) : value());
        }
        return op.build();
    }

    private JsonValue pathlessValue(List<String> paths) {
        if (random.nextInt(8) == 0) {
            return value();
        }
        JsonObjectBuilder object = Json.createObjectBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            object.add(pick(paths) + (random.nextInt(20) == 0 ? "x" : ""), value());
        }
        if (random.nextInt(5) == 0) {
            object.add(ENT, Json.createObjectBuilder().add(pick(List.of("department", "manager", "employeeNumber", "x")), value()));
        }
        return object.build();
    }

    /** A value biased towards what attributes take: strings, booleans as strings, ids, objects of sub-attributes. */
    JsonValue value() {
        return switch (random.nextInt(16)) {
            case 0 -> JsonValue.NULL;
            case 1 -> JsonValue.TRUE;
            case 2 -> JsonValue.FALSE;
            case 3 -> Json.createValue(pick(List.of("True", "false", "FALSE", "42", "4.5", "yes", "")));
            case 4 -> Json.createValue(random.nextInt(2000) - 1000);
            case 5 -> Json.createValue(pick(IDS));
            case 6 -> Json.createValue(word());
            case 7, 8 -> subObject();
            case 9, 10 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(random.nextInt(4) == 0 ? Json.createValue(pick(IDS)) : subObject());
                }
                yield array.build();
            }
            case 11 -> Json.createValue("2024-0" + (1 + random.nextInt(9)) + "-01T00:00:00Z");
            case 12 -> Json.createArrayBuilder().add(pick(IDS)).build();
            default -> jsonValue(0);
        };
    }

    private JsonObject subObject() {
        JsonObjectBuilder object = Json.createObjectBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = pick(List.of("value", "type", "primary", "display", "givenName", "familyName", "name", "speed",
                    "mac", "Value", "$ref", "streetAddress", "unknown"));
            JsonValue v = switch (key) {
                case "primary" -> pick(List.of(JsonValue.TRUE, JsonValue.FALSE, Json.createValue("true"), JsonValue.NULL));
                case "speed" -> Json.createValue(random.nextInt(2000));
                case "value", "Value" -> Json.createValue(pick(IDS));
                case "type" -> Json.createValue(pick(TYPES));
                default -> random.nextInt(8) == 0 ? JsonValue.NULL : Json.createValue(word());
            };
            object.add(key, v);
        }
        return object.build();
    }

    /** Any JSON at all, nested at most {@code depth} more levels. */
    JsonValue jsonValue(int depth) {
        int kind = random.nextInt(depth > 2 ? 5 : 7);
        return switch (kind) {
            case 0 -> JsonValue.NULL;
            case 1 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 2 -> Json.createValue(random.nextDouble() * 1e6);
            case 3 -> Json.createValue(Long.toString(random.nextLong(), 36));
            case 4 -> Json.createValue(random.nextInt());
            case 5 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(jsonValue(depth + 1));
                }
                yield array.build();
            }
            default -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.add(pick(List.of("op", "path", "value", "a", "emails", "x")), jsonValue(depth + 1));
                }
                yield object.build();
            }
        };
    }

    private String word() {
        return pick(List.of("alpha", "beta", "Gamma", "delta", "eps", "zeta", "\u00e9t\u00e9", "x y"));
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private void maybe(Runnable action) {
        if (random.nextBoolean()) {
            action.run();
        }
    }
}

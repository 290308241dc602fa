package org.scimee.patch;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.Random;

/**
 * Random PATCH bodies for a group whose members are {@code m-0 .. m-(memberRange-1)}: mostly the value-keyed
 * shapes a store may answer from a partial view, mixed with shapes that need the whole member list. Shared by the
 * engine's cross-checks and the stores' (through this module's test-jar).
 */
public final class RandomGroupPatches {

    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private final int memberRange;
    private final int replaceAllSize;

    /**
     * @param memberRange    member values are drawn from {@code m-0} to {@code m-(memberRange-1)}
     * @param replaceAllSize how many members a whole-list replace puts in
     */
    public RandomGroupPatches(int memberRange, int replaceAllSize) {
        this.memberRange = memberRange;
        this.replaceAllSize = replaceAllSize;
    }

    /** A group named {@code G} with members {@code m-0 .. m-(count-1)}, each of type User. */
    public static JsonObject group(int count) {
        return group(count, "G");
    }

    /** A group with that display name and members {@code m-0 .. m-(count-1)}, each of type User. */
    public static JsonObject group(int count, String displayName) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            members.add(Json.createObjectBuilder().add("value", "m-" + i).add("type", "User"));
        }
        return Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(GROUP))
                .add("displayName", displayName).add("members", members).build();
    }

    /** The {@code Operations} array of one to three random operations. */
    public String operations(Random random) {
        StringBuilder operations = new StringBuilder("[");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            operations.append(i == 0 ? "" : ",").append(operation(random));
        }
        return operations.append(']').toString();
    }

    /** One random operation. */
    public String operation(Random random) {
        int kind = random.nextInt(100);
        if (kind < 30) {
            StringBuilder values = new StringBuilder("[");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                values.append(i == 0 ? "" : ",").append("{\"value\":\"").append(member(random)).append('"')
                        .append(random.nextBoolean() ? ",\"type\":\"User\"" : "").append('}');
            }
            return "{\"op\":\"add\",\"path\":\"members\",\"value\":" + values + "]}";
        }
        if (kind < 50) {
            String filter = "value eq \\\"" + member(random) + "\\\"";
            if (random.nextBoolean()) {
                filter += " or value eq \\\"" + member(random).toUpperCase(Locale.ROOT) + "\\\"";
            }
            return "{\"op\":\"remove\",\"path\":\"members[" + filter + "]\"}";
        }
        if (kind < 60) {
            return "{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + member(random) + "\"}]}";
        }
        if (kind < 70) {
            return "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"G" + random.nextInt(5) + "\"}";
        }
        if (kind < 78) {
            return "{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + member(random) + "\\\"].type\",\"value\":\""
                    + (random.nextBoolean() ? "User" : "Group") + "\"}";
        }
        if (kind < 84) {
            return "{\"op\":\"remove\",\"path\":\"members[type eq \\\"Group\\\"]\"}";
        }
        if (kind < 88) {
            return "{\"op\":\"add\",\"value\":{\"displayName\":\"P" + random.nextInt(3) + "\",\"members\":[{\"value\":\""
                    + member(random) + "\"}]}}";
        }
        if (kind < 92) {
            JsonArrayBuilder members = Json.createArrayBuilder();
            for (int i = 0; i < replaceAllSize; i++) {
                members.add(Json.createObjectBuilder().add("value", member(random)).add("type", "User"));
            }
            return "{\"op\":\"replace\",\"path\":\"members\",\"value\":" + members.build() + "}";
        }
        if (kind < 96) {
            return "{\"op\":\"remove\",\"path\":\"members[value sw \\\"m-1\\\"]\"}";
        }
        return "{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + member(random) + "\\\"]\",\"value\":{\"type\":\"User\"}}";
    }

    private String member(Random random) {
        return "m-" + random.nextInt(memberRange);
    }
}

package org.scimee.patch;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scimee.error.InvalidPathException;
import org.scimee.error.InvalidSyntaxException;
import org.scimee.error.ScimException;
import org.scimee.error.TooManyException;
import org.scimee.filter.FilterParser;
import org.scimee.filter.PatchPath;

/**
 * A PATCH request body (RFC 7644 §3.5.2), checked for structure and parsed, independent of any resource.
 *
 * <p>Rules ({@link CompatibilityProfile#RFC} / {@link CompatibilityProfile#DEFAULT}):
 * <ul>
 *   <li>{@code schemas} must be an array containing {@value #PATCH_OP}; the lenient profile accepts a body without
 *       {@code schemas}, never one whose {@code schemas} lacks the URN (that is some other message);</li>
 *   <li>{@code Operations} must be a non-empty array of objects, at most {@code maxOperations} of them
 *       ({@value #DEFAULT_MAX_OPERATIONS} by default); more is {@code 400 tooMany} (the server is unwilling to
 *       process that much in one request; the client should split it);</li>
 *   <li>{@code op} is {@code add}, {@code replace} or {@code remove}; the lenient profile accepts any case (and any
 *       case for the member names {@code Operations}, {@code op}, {@code path}, {@code value});</li>
 *   <li>{@code path}, when present and not null, is a string parsed by {@link FilterParser#parsePatchPath}; an
 *       empty path is {@code invalidPath} (the lenient profile reads it as no path);</li>
 *   <li>{@code add} and {@code replace} need a {@code value} member (it may be JSON null).</li>
 * </ul>
 * Structure errors are {@code 400 invalidSyntax}, path errors {@code 400 invalidPath}; details start with
 * {@code Operations[i]} where they concern one operation.
 *
 * @param operations the operations, in order
 * @param rewrites   notes on tolerances applied while parsing (see {@link PatchResult#rewrites()})
 */
public record PatchRequest(List<PatchOperation> operations, List<String> rewrites) {

    /** RFC 7644 §3.5.2: the URN of PATCH request bodies. */
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** How many operations one request may carry unless the caller says otherwise. */
    public static final int DEFAULT_MAX_OPERATIONS = 1000;

    public PatchRequest {
        operations = List.copyOf(operations);
        rewrites = List.copyOf(rewrites);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a PATCH request needs at least one operation");
        }
    }

    /** Parses {@code body} allowing {@value #DEFAULT_MAX_OPERATIONS} operations. */
    public static PatchRequest parse(JsonObject body, CompatibilityProfile profile) {
        return parse(body, profile, DEFAULT_MAX_OPERATIONS);
    }

    /**
     * Parses {@code body}.
     *
     * @throws InvalidSyntaxException if the body is not a PATCH request
     * @throws InvalidPathException   if a path is not a PATCH path
     * @throws TooManyException       if it has more than {@code maxOperations} operations
     */
    public static PatchRequest parse(JsonObject body, CompatibilityProfile profile, int maxOperations) {
        if (body == null) {
            throw new InvalidSyntaxException("a PATCH request body must be a JSON object");
        }
        if (profile == null) {
            throw new IllegalArgumentException("profile");
        }
        List<String> rewrites = new ArrayList<>();
        JsonValue schemas = body.get("schemas");
        if (schemas == null || schemas.getValueType() == JsonValue.ValueType.NULL) {
            if (!profile.missingMessageSchema()) {
                throw new InvalidSyntaxException("'schemas' must list " + PATCH_OP);
            }
            rewrites.add("request without 'schemas' accepted as " + PATCH_OP);
        } else if (!(schemas instanceof JsonArray array) || array.stream().noneMatch(
                urn -> urn instanceof JsonString string && string.getString().equalsIgnoreCase(PATCH_OP))) {
            throw new InvalidSyntaxException("'schemas' must be an array listing " + PATCH_OP);
        }
        JsonValue operations = member(body, "Operations", profile, rewrites, "request");
        if (!(operations instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidSyntaxException("'Operations' must be a non-empty array of operations");
        }
        if (array.size() > maxOperations) {
            throw new TooManyException("a PATCH request may carry at most " + maxOperations + " operations, this one has "
                    + array.size() + "; split it into several requests");
        }
        List<PatchOperation> parsed = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            parsed.add(operation(i, array.get(i), profile, rewrites));
        }
        return new PatchRequest(parsed, rewrites);
    }

    private static PatchOperation operation(int index, JsonValue json, CompatibilityProfile profile, List<String> rewrites) {
        String where = "Operations[" + index + "]";
        if (!(json instanceof JsonObject object)) {
            throw new InvalidSyntaxException(where + ": an operation must be a JSON object");
        }
        JsonValue opValue = member(object, "op", profile, rewrites, where);
        if (!(opValue instanceof JsonString opString)) {
            throw new InvalidSyntaxException(where + ": 'op' must be one of \"add\", \"replace\", \"remove\"");
        }
        PatchOperation.Op op = null;
        for (PatchOperation.Op candidate : PatchOperation.Op.values()) {
            if (candidate.json().equals(opString.getString())) {
                op = candidate;
            } else if (profile.lenientOperationNames() && candidate.json().equalsIgnoreCase(opString.getString().trim())) {
                op = candidate;
                rewrites.add(where + ": op \"" + opString.getString() + "\" read as \"" + candidate.json() + "\"");
            }
        }
        if (op == null) {
            throw new InvalidSyntaxException(where + ": 'op' must be one of \"add\", \"replace\", \"remove\", not "
                    + printable(opString.getString()));
        }
        PatchPath path = null;
        JsonValue pathValue = member(object, "path", profile, rewrites, where);
        if (pathValue != null && pathValue.getValueType() != JsonValue.ValueType.NULL) {
            if (!(pathValue instanceof JsonString pathString)) {
                throw new InvalidSyntaxException(where + ": 'path' must be a string");
            }
            String text = pathString.getString();
            if (text.isBlank() && profile.emptyPathIsNoPath()) {
                rewrites.add(where + ": empty 'path' read as no path");
            } else {
                path = parsePath(text, where + " (" + op.json() + " " + printable(text) + ")");
            }
        }
        JsonValue value = member(object, "value", profile, rewrites, where);
        if (value == null && op != PatchOperation.Op.REMOVE) {
            throw new InvalidSyntaxException(where + " (" + op.json() + (path == null ? "" : " " + path)
                    + "): '" + op.json() + "' needs a 'value'");
        }
        return new PatchOperation(index, op, path, value);
    }

    /** Parses a PATCH path; every failure is an {@link InvalidPathException} whose detail starts with {@code where}. */
    static PatchPath parsePath(String text, String where) {
        try {
            return FilterParser.parsePatchPath(text);
        } catch (ScimException e) {
            throw new InvalidPathException(where + ": " + e.detail(), e);
        } catch (RuntimeException e) {
            // the path model refuses some shapes with IllegalArgumentException; to the client it is a bad path
            throw new InvalidPathException(where + ": " + e.getMessage(), e);
        }
    }

    /** The member {@code name}; with lenient names, a member whose name differs only in case. */
    private static JsonValue member(JsonObject object, String name, CompatibilityProfile profile, List<String> rewrites,
                                    String where) {
        JsonValue value = object.get(name);
        if (value != null || !profile.lenientOperationNames()) {
            return value;
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                rewrites.add(where + ": member '" + entry.getKey() + "' read as '" + name + "'");
                return entry.getValue();
            }
        }
        return null;
    }

    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "\"" + shown.replace("\"", "\\\"") + "\"";
    }
}

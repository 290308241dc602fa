package org.scimee.jaxrs.operation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.scimee.error.InvalidSyntaxException;
import org.scimee.error.InvalidValueException;
import org.scimee.error.PayloadTooLargeException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.error.ScimException;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.security.Caller;
import org.scimee.store.StoredResource;

/**
 * RFC 7644 §3.7: runs a bulk request's operations, each as its own unit of work, and reports each one's outcome.
 *
 * <p>{@code bulkId:<id>} anywhere in an operation's {@code data} (and in its {@code path}) stands for the id of the
 * resource the operation with that {@code bulkId} created. Operations run in request order, except that one
 * referring to a {@code bulkId} not yet created waits until it is (forward references, which the RFC requires us to
 * resolve). Operations still waiting when nothing else can run are circular and get 409, as §3.7.1 allows; one
 * referring to a {@code bulkId} no operation defines gets 400 {@code invalidValue}, and one depending on a failed
 * operation gets 409. After {@code failOnErrors} failures the rest is not run and not reported.
 */
@ApplicationScoped
public class BulkProcessor {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    /** RFC 7644 §3.7: the schemas of bulk request and response bodies. */
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    private static final String REFERENCE = "bulkId:";

    private SchemaRegistry registry;
    private ResourceOperations operations;

    /** For CDI proxies. */
    public BulkProcessor() {
    }

    @Inject
    public BulkProcessor(SchemaRegistry registry, ResourceOperations operations) {
        this.registry = registry;
        this.operations = operations;
    }

    /** One operation of the request, as parsed. */
    private record Operation(int index, String method, String bulkId, String path, String version, JsonObject data,
                             Set<String> references) {
    }

    /**
     * @param maxOperations more operations than this is 413, as RFC 7644 §3.7.4 requires
     * @param baseUrl       the service's base URL, ending in {@code /}, for {@code location}
     */
    public JsonObject process(Caller caller, JsonObject request, int maxOperations, String baseUrl) {
        List<Operation> pending = parse(request, maxOperations);
        int failOnErrors = failOnErrors(request);

        Set<String> defined = new LinkedHashSet<>();
        pending.forEach(op -> {
            if (op.bulkId() != null && !defined.add(op.bulkId())) {
                throw new InvalidValueException("bulkId '" + op.bulkId() + "' is used by more than one operation");
            }
        });

        Map<String, String> created = new HashMap<>();
        Set<String> failedIds = new LinkedHashSet<>();
        JsonObject[] results = new JsonObject[pending.size()];
        int errors = 0;
        boolean progress = true;
        while (!pending.isEmpty() && progress && (failOnErrors == 0 || errors < failOnErrors)) {
            progress = false;
            for (Operation op : new ArrayList<>(pending)) {
                if (failOnErrors != 0 && errors >= failOnErrors) {
                    break;
                }
                JsonObject result;
                if (op.references().stream().anyMatch(failedIds::contains)) {
                    result = failure(op, new ScimException(409, null, "operation depends on a bulkId whose operation failed"));
                } else if (op.references().stream().anyMatch(ref -> !defined.contains(ref))) {
                    result = failure(op, new InvalidValueException("operation refers to a bulkId no operation defines"));
                } else if (!created.keySet().containsAll(op.references())) {
                    continue;
                } else {
                    result = run(caller, op, created, baseUrl);
                }
                pending.remove(op);
                progress = true;
                results[op.index()] = result;
                if (!result.getString("status").startsWith("2")) {
                    errors++;
                    if (op.bulkId() != null) {
                        failedIds.add(op.bulkId());
                    }
                }
            }
        }
        if (failOnErrors == 0 || errors < failOnErrors) {
            for (Operation op : pending) {
                results[op.index()] = failure(op, new ScimException(409, null, "circular bulkId references"));
            }
        }

        JsonArrayBuilder reported = JSON.createArrayBuilder();
        for (JsonObject result : results) {
            if (result != null) {
                reported.add(result);
            }
        }
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(BULK_RESPONSE))
                .add("Operations", reported)
                .build();
    }

    private JsonObject run(Caller caller, Operation op, Map<String, String> created, String baseUrl) {
        try {
            Function<String, String> resolve = text -> substitute(text, created);
            String path = resolve.apply(op.path());
            String[] segments = path.replaceFirst("^/", "").split("/", -1);
            ResourceType type = registry.resourceTypeAt(segments[0])
                    .orElseThrow(() -> new ResourceNotFoundException("no resource type is served at /" + segments[0]));
            JsonObject data = op.data() == null ? null : (JsonObject) substitute(op.data(), created);
            StoredResource result;
            int status;
            switch (op.method()) {
                case "POST" -> {
                    requireSegments(op, segments, 1);
                    result = operations.create(caller, type, requireData(op, data));
                    status = 201;
                    if (op.bulkId() != null) {
                        created.put(op.bulkId(), result.id());
                    }
                }
                case "PUT" -> {
                    requireSegments(op, segments, 2);
                    result = operations.replace(caller, type, segments[1], requireData(op, data), op.version());
                    status = 200;
                }
                case "PATCH" -> {
                    requireSegments(op, segments, 2);
                    result = operations.patch(caller, type, segments[1], requireData(op, data), op.version());
                    status = 200;
                }
                case "DELETE" -> {
                    requireSegments(op, segments, 2);
                    result = operations.delete(caller, type, segments[1], op.version());
                    status = 204;
                }
                default -> throw new InvalidSyntaxException("Operations[" + op.index() + "]: method '" + op.method()
                        + "' is not one of POST, PUT, PATCH, DELETE");
            }
            JsonObjectBuilder outcome = outcome(op).add("status", Integer.toString(status));
            if (status != 204) {
                outcome.add("location", baseUrl + type.endpointSegment() + "/" + result.id())
                        .add("version", result.meta().etag());
            }
            return outcome.build();
        } catch (ScimException e) {
            return failure(op, e);
        }
    }

    private static void requireSegments(Operation op, String[] segments, int count) {
        if (segments.length != count || segments[segments.length - 1].isEmpty()) {
            throw new InvalidValueException("Operations[" + op.index() + "]: " + op.method() + " needs a path like "
                    + (count == 1 ? "/Users" : "/Users/{id}") + ", got '" + op.path() + "'");
        }
    }

    private static JsonObject requireData(Operation op, JsonObject data) {
        if (data == null) {
            throw new InvalidSyntaxException("Operations[" + op.index() + "]: " + op.method() + " needs 'data'");
        }
        return data;
    }

    private static JsonObjectBuilder outcome(Operation op) {
        JsonObjectBuilder outcome = JSON.createObjectBuilder().add("method", op.method());
        if (op.bulkId() != null) {
            outcome.add("bulkId", op.bulkId());
        }
        return outcome;
    }

    private static JsonObject failure(Operation op, ScimException error) {
        return outcome(op).add("status", Integer.toString(error.status())).add("response", error.toJson()).build();
    }

    private static List<Operation> parse(JsonObject request, int maxOperations) {
        if (!(request.get("schemas") instanceof JsonArray schemas)
                || schemas.stream().noneMatch(v -> v instanceof JsonString s && s.getString().equals(BULK_REQUEST))) {
            throw new InvalidSyntaxException("a bulk request must list the schema " + BULK_REQUEST);
        }
        if (!(request.get("Operations") instanceof JsonArray array)) {
            throw new InvalidSyntaxException("a bulk request needs an 'Operations' array");
        }
        if (array.size() > maxOperations) {
            throw new PayloadTooLargeException("the bulk request has " + array.size()
                    + " operations; this service accepts at most " + maxOperations);
        }
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject op)) {
                throw new InvalidSyntaxException("Operations[" + i + "] must be an object");
            }
            String method = string(op, "method", i, true).toUpperCase(Locale.ROOT);
            String path = string(op, "path", i, true);
            JsonValue data = op.get("data");
            if (data != null && data.getValueType() != JsonValue.ValueType.OBJECT && data.getValueType() != JsonValue.ValueType.NULL) {
                throw new InvalidSyntaxException("Operations[" + i + "].data must be an object");
            }
            String bulkId = string(op, "bulkId", i, method.equals("POST"));
            Set<String> references = new LinkedHashSet<>();
            collectReferences(path, references);
            if (data instanceof JsonObject object) {
                collectReferences(object, references);
            }
            operations.add(new Operation(i, method, bulkId, path, string(op, "version", i, false),
                    data instanceof JsonObject object ? object : null, references));
        }
        return operations;
    }

    private static int failOnErrors(JsonObject request) {
        JsonValue value = request.get("failOnErrors");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 0;
        }
        if (value instanceof JsonNumber number && number.isIntegral() && number.longValue() >= 1
                && number.longValue() <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw new InvalidValueException("'failOnErrors' must be a positive integer");
    }

    private static String string(JsonObject op, String name, int index, boolean required) {
        JsonValue value = op.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw new InvalidSyntaxException("Operations[" + index + "] needs '" + name + "'");
            }
            return null;
        }
        if (!(value instanceof JsonString string) || string.getString().isEmpty()) {
            throw new InvalidSyntaxException("Operations[" + index + "]." + name + " must be a non-empty string");
        }
        return string.getString();
    }

    private static void collectReferences(JsonValue value, Set<String> into) {
        if (value instanceof JsonString string) {
            collectReferences(string.getString(), into);
        } else if (value instanceof JsonObject object) {
            object.values().forEach(v -> collectReferences(v, into));
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> collectReferences(v, into));
        }
    }

    private static void collectReferences(String text, Set<String> into) {
        int at = text.indexOf(REFERENCE);
        if (at >= 0) {
            int end = text.indexOf('/', at);
            into.add(text.substring(at + REFERENCE.length(), end < 0 ? text.length() : end));
        }
    }

    private static JsonValue substitute(JsonValue value, Map<String, String> created) {
        if (value instanceof JsonString string) {
            return JSON.createValue(substitute(string.getString(), created));
        }
        if (value instanceof JsonObject object) {
            JsonObjectBuilder copy = JSON.createObjectBuilder();
            object.forEach((k, v) -> copy.add(k, substitute(v, created)));
            return copy.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder copy = JSON.createArrayBuilder();
            array.forEach(v -> copy.add(substitute(v, created)));
            return copy.build();
        }
        return value;
    }

    private static String substitute(String text, Map<String, String> created) {
        int at = text.indexOf(REFERENCE);
        if (at < 0) {
            return text;
        }
        int end = text.indexOf('/', at);
        String bulkId = text.substring(at + REFERENCE.length(), end < 0 ? text.length() : end);
        String id = created.get(bulkId);
        return id == null ? text : text.substring(0, at) + id + (end < 0 ? "" : text.substring(end));
    }
}

package org.scimee.patch;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidPathException;
import org.scimee.error.InvalidSyntaxException;
import org.scimee.error.InvalidValueException;
import org.scimee.error.MutabilityException;
import org.scimee.error.NoTargetException;
import org.scimee.error.ScimException;
import org.scimee.filter.And;
import org.scimee.filter.Comparison;
import org.scimee.filter.ComparisonOperator;
import org.scimee.filter.Filter;
import org.scimee.filter.FilterEvaluator;
import org.scimee.filter.Literal;
import org.scimee.filter.PatchPath;
import org.scimee.path.AttributePath;
import org.scimee.path.ResolvedPath;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.Mutability;
import org.scimee.schema.ResourceType;
import org.scimee.schema.Schema;
import org.scimee.schema.SchemaExtension;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.ChangeSet;

/**
 * Applies PATCH requests (RFC 7644 §3.5.2) to the canonical attributes of a resource, driven by the schema.
 *
 * <p>Semantics (where RFC 7644 leaves room, the choice is marked "decision"):
 * <ul>
 *   <li><b>add</b>: a single value is set (a complex one is merged: only the sub-attributes given change); to a
 *       multi-valued attribute the values are appended, skipping values exactly equal to one already there.
 *       Without path, each attribute of the value is added so.</li>
 *   <li><b>replace</b>: a single value is set (a complex one merged, as §3.5.2.3 says); a multi-valued attribute
 *       without filter gets exactly the given values; with a value filter, each matching value is merged with the
 *       given sub-attributes (decision: merged, not swapped whole, as for complex attributes), or its
 *       sub-attribute after {@code ].} is set. {@code add} with a value filter does the same (decision).</li>
 *   <li><b>remove</b>: the target becomes unassigned; with a filter, the matching values go; an absent target is a
 *       successful no-op (decision); no path is {@code noTarget} (§3.5.2.2).</li>
 *   <li>{@code null} (RFC 7643 §2.5: unassigned) as the value of {@code replace}, or of a key of a path-less value,
 *       or of a sub-attribute in a complex value, removes it. {@code add} with null is {@code invalidValue} under
 *       RFC (nothing to add) and a no-op under DEFAULT.</li>
 *   <li>{@code primary: true} set on one value sets {@code primary} to {@code false} on the others
 *       (RFC 7643 §2.4); one operation making two values primary is {@code invalidValue}.</li>
 *   <li>A filter matching nothing: {@code noTarget} (§3.5.2.3), unless the profile tolerates it (see
 *       {@link CompatibilityProfile}). A sub-attribute path on a multi-valued attribute without filter
 *       ({@code emails.type}) addresses every value (decision); on an empty attribute, add/replace create one.</li>
 *   <li>Mutability: a path to a {@code readOnly} attribute is {@code mutability}; {@code readOnly} sub-attributes
 *       inside a value are dropped, as on create. An {@code immutable} value may be set while unassigned, never
 *       changed or removed ({@code mutability}); whole values of a multi-valued attribute with immutable
 *       sub-attributes (group members) may be added and removed (decision). Removing a {@code required}
 *       attribute is {@code invalidValue} (RFC 7644 §3.12: "a required value was missing").</li>
 *   <li>Every value is checked and made canonical with {@link ResourceValidator}, and the result is validated
 *       again as a whole ({@link ResourceValidator#forCreate}); {@code schemas} lists the extensions in use.</li>
 * </ul>
 * A failing operation throws a {@link ScimException} (400, with the RFC {@code scimType}) whose detail starts with
 * {@link PatchOperation#describe()}; the input is never modified (JSON-P values are immutable), so nothing of a
 * failed request escapes. Thread-safe.
 */
public final class PatchEngine {

    private static final Logger LOG = Logger.getLogger("org.scimee.patch");
    /** Looked up once: {@code JSON.createXxx} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final SchemaRegistry registry;
    private final ResourceValidator validator;

    public PatchEngine(SchemaRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.validator = new ResourceValidator(registry);
    }

    /**
     * Applies {@code request} to {@code current}, the canonical stored attributes of a resource of {@code type}
     * (including {@code schemas}, without {@code id} and {@code meta}).
     *
     * @throws ScimException (400) if an operation cannot be applied or the result would be invalid
     */
    public PatchResult apply(ResourceType type, JsonObject current, PatchRequest request, CompatibilityProfile profile) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(profile, "profile");
        Run run = new Run(type, current, profile);
        request.rewrites().forEach(run::note);
        for (PatchOperation operation : request.operations()) {
            run.operation = operation;
            try {
                run.apply(operation);
            } catch (ScimException e) {
                throw withDetail(e, operation.describe() + ": " + e.detail());
            }
        }
        run.operation = null;
        JsonObject after;
        try {
            after = validator.forCreate(type, run.assemble());
        } catch (ScimException e) {
            throw withDetail(e, "the patched resource is not valid: " + e.detail());
        }
        ChangeSet changes = ChangeSet.between(current, after);
        return new PatchResult(after, changes, run.rewrites);
    }

    /** The same kind of error with another detail. */
    private static ScimException withDetail(ScimException e, String detail) {
        String scimType = e.scimType() == null ? "" : e.scimType();
        switch (scimType) {
            case "invalidSyntax":
                return new InvalidSyntaxException(detail, e);
            case "invalidPath":
            case "invalidFilter":
                return new InvalidPathException(detail, e);
            case "noTarget":
                return new NoTargetException(detail, e);
            case "invalidValue":
                return new InvalidValueException(detail, e);
            case "mutability":
                return new MutabilityException(detail, e);
            default:
                return new ScimException(e.status(), e.scimType(), detail, e);
        }
    }

    /** A path bound to the schema: the attribute, optional value filter, and optional sub-attribute. */
    private record Target(ResolvedPath resolved, Filter filter, Predicate<JsonObject> matcher, Attribute sub,
                          String text) {

        Attribute attribute() {
            return resolved.attribute();
        }

        String name() {
            return resolved.attribute().name();
        }
    }

    /** One application of a request: a mutable working copy of the attributes. */
    private final class Run implements ResourceValidator.Coercion {

        private final ResourceType type;
        private final CompatibilityProfile profile;
        private final FilterEvaluator evaluator;
        private final Schema core;
        /** Top-level attributes: a JsonValue, or an ArrayList of JsonValues for multi-valued attributes. */
        private final Map<String, Object> top = new LinkedHashMap<>();
        /** Extension attributes by canonical URN, held the same way. */
        private final Map<String, Map<String, Object>> extensions = new LinkedHashMap<>();
        private final List<String> schemas = new ArrayList<>();
        private final Set<String> extensionsBefore = new HashSet<>();
        private final List<String> rewrites = new ArrayList<>();
        private PatchOperation operation;

        Run(ResourceType type, JsonObject current, CompatibilityProfile profile) {
            this.type = type;
            this.profile = profile;
            this.evaluator = new FilterEvaluator(registry, type);
            this.core = registry.coreSchema(type);
            for (Map.Entry<String, JsonValue> entry : current.entrySet()) {
                String key = entry.getKey();
                JsonValue value = entry.getValue();
                if (key.equals("schemas") && value instanceof JsonArray array) {
                    for (JsonValue urn : array) {
                        if (urn instanceof JsonString string && !schemas.contains(string.getString())) {
                            schemas.add(string.getString());
                        }
                    }
                    continue;
                }
                Optional<SchemaExtension> extension = type.extension(key);
                if (extension.isPresent() && value instanceof JsonObject object) {
                    String urn = extension.get().schema();
                    Schema schema = registry.schema(urn).orElseThrow();
                    Map<String, Object> container = extensions.computeIfAbsent(urn, k -> new LinkedHashMap<>());
                    object.forEach((name, v) -> load(container, schema.attribute(name), name, v));
                    extensionsBefore.add(urn);
                    continue;
                }
                load(top, registry.common().attribute(key).or(() -> core.attribute(key)), key, value);
            }
        }

        private void load(Map<String, Object> container, Optional<Attribute> definition, String key, JsonValue value) {
            if (definition.isEmpty()) {
                container.put(key, value); // not canonical: the final validation will say so
                return;
            }
            Attribute attribute = definition.get();
            if (attribute.multiValued()) {
                List<JsonValue> list = new ArrayList<>();
                if (value instanceof JsonArray array) {
                    list.addAll(array);
                } else if (value.getValueType() != JsonValue.ValueType.NULL) {
                    list.add(value);
                }
                container.put(attribute.name(), list);
            } else {
                container.put(attribute.name(), value);
            }
        }

        // ------------------------------------------------------------------------------------------ notes

        void note(String rewrite) {
            if (!rewrites.contains(rewrite)) {
                rewrites.add(rewrite);
                LOG.log(Level.FINE, "PATCH tolerance ({0}): {1}", new Object[] {profile.name(), rewrite});
            }
        }

        private void tolerate(String what) {
            note((operation == null ? "" : operation.describe() + ": ") + what);
        }

        // ------------------------------------------------------------------------------------------ coercion

        @Override
        public JsonValue coerce(Attribute attribute, JsonValue value, String path) {
            JsonValue result = value;
            if (profile.valueShapes()) {
                if (!attribute.multiValued() && result instanceof JsonArray array && array.size() == 1) {
                    tolerate("one-element array taken as the single value of '" + path + "'");
                    result = array.get(0);
                }
                if (attribute.type() == AttributeType.COMPLEX && result instanceof JsonString string) {
                    Optional<Attribute> valueSub = attribute.subAttribute("value");
                    if (valueSub.isPresent()) {
                        tolerate("string taken as {\"" + valueSub.get().name() + "\": ...} for complex '" + path + "'");
                        result = JSON.createObjectBuilder().add(valueSub.get().name(), string).build();
                    }
                }
            }
            if (profile.stringScalars()) {
                JsonValue converted = ResourceValidator.Coercion.scalarFromString(attribute, result);
                if (converted != result) {
                    tolerate("string converted to " + attribute.type() + " for '" + path + "'");
                    result = converted;
                }
            }
            return result;
        }

        // ------------------------------------------------------------------------------------------ dispatch

        void apply(PatchOperation op) {
            if (op.path() == null) {
                if (op.op() == PatchOperation.Op.REMOVE) {
                    throw new NoTargetException("remove needs a 'path' (RFC 7644 §3.5.2.2)");
                }
                applyWithoutPath(op.op(), op.value());
            } else {
                apply(op.op(), target(op.path()), op.value());
            }
        }

        private void applyWithoutPath(PatchOperation.Op op, JsonValue value) {
            if (!(value instanceof JsonObject object)) {
                throw new InvalidValueException("without a 'path', the value must be a JSON object of attributes");
            }
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                String key = entry.getKey();
                JsonValue v = entry.getValue();
                if (key.equalsIgnoreCase("schemas")) {
                    continue; // schemas follows from the attributes present
                }
                Optional<SchemaExtension> extension = type.extension(key);
                boolean coreObject = key.equalsIgnoreCase(type.schema()) && profile.pathKeys();
                if (coreObject) {
                    tolerate("attributes nested under the core schema URN '" + key + "' read as top-level attributes");
                }
                if (extension.isPresent() || coreObject) {
                    String urn = extension.map(SchemaExtension::schema).orElse(type.schema());
                    if (v.getValueType() == JsonValue.ValueType.NULL) {
                        if (op == PatchOperation.Op.REPLACE) {
                            clearSchema(urn);
                        } else {
                            addNull(urn);
                        }
                        continue;
                    }
                    if (!(v instanceof JsonObject inner)) {
                        throw new InvalidValueException("'" + key + "' must be a JSON object of that schema's attributes");
                    }
                    for (Map.Entry<String, JsonValue> attribute : inner.entrySet()) {
                        applyKey(op, urn + ":" + attribute.getKey(), attribute.getKey(), attribute.getValue());
                    }
                    continue;
                }
                applyKey(op, key, key, v);
            }
        }

        /** replace {"urn:...": null}: every attribute of that schema becomes unassigned. */
        private void clearSchema(String urn) {
            Map<String, Object> container = urn.equalsIgnoreCase(type.schema()) ? top : extensions.get(urn);
            if (container == null) {
                return;
            }
            for (String name : new ArrayList<>(container.keySet())) {
                if (urn.equalsIgnoreCase(type.schema()) && registry.common().attribute(name).isPresent()) {
                    continue;
                }
                Target target = target(new PatchPath(new AttributePath(urn, name, null), null, null));
                if (target.attribute().mutability() != Mutability.READ_ONLY) {
                    remove(target, null);
                }
            }
        }

        private void applyKey(PatchOperation.Op op, String pathText, String key, JsonValue value) {
            PatchPath path;
            if (AttributePath.isAttributeName(key)) {
                path = new PatchPath(AttributePath.parse(pathText), null, null);
            } else if (profile.pathKeys()) {
                path = PatchRequest.parsePath(pathText, "'" + pathText + "'");
                tolerate("value key '" + pathText + "' read as a path");
            } else {
                throw new InvalidPathException("'" + pathText + "' is not an attribute name (a value without 'path' "
                        + "must be an object of attributes, RFC 7644 §3.5.2.1)");
            }
            Target target = target(path);
            if (isReadOnly(target) && profile.ignoreReadOnlyInValue()) {
                tolerate("read-only attribute '" + target.text() + "' in the value ignored");
                return;
            }
            apply(op, target, value);
        }

        private Target target(PatchPath path) {
            ResolvedPath resolved = resolve(path.attribute());
            Attribute attribute = resolved.attribute();
            String text = path.toString();
            if (path.valueFilter() == null) {
                return new Target(resolved, null, null, resolved.subAttribute(), text);
            }
            if (resolved.subAttribute() != null) {
                throw new InvalidPathException("'" + text + "': a value filter must follow a complex attribute, "
                        + "not a sub-attribute");
            }
            if (attribute.type() != AttributeType.COMPLEX) {
                throw new InvalidPathException("'" + text + "': '" + attribute.name()
                        + "' is not a complex attribute, so it cannot be filtered with [...]");
            }
            if (!attribute.multiValued() && !profile.filterSingleValued()) {
                throw new InvalidPathException("'" + text + "': '" + attribute.name()
                        + "' is single-valued; value filters select values of multi-valued attributes");
            }
            Predicate<JsonObject> matcher;
            try {
                matcher = evaluator.compileValueFilter(attribute, path.valueFilter());
            } catch (InvalidFilterException e) {
                throw new InvalidPathException("'" + text + "': " + e.detail(), e);
            }
            Attribute sub = null;
            if (path.subAttribute() != null) {
                sub = attribute.subAttribute(path.subAttribute()).orElseThrow(() -> new InvalidPathException(
                        "'" + text + "': '" + path.subAttribute() + "' is not a sub-attribute of '" + attribute.name() + "'"));
            }
            if (!attribute.multiValued()) {
                tolerate("value filter on single-valued '" + attribute.name() + "' evaluated against its one value");
            }
            return new Target(resolved, path.valueFilter(), matcher, sub, text);
        }

        private ResolvedPath resolve(AttributePath path) {
            try {
                return path.resolve(registry, type);
            } catch (InvalidPathException e) {
                if (path.schema() == null && profile.unqualifiedExtensionNames()) {
                    List<String> owners = new ArrayList<>();
                    for (SchemaExtension extension : type.schemaExtensions()) {
                        if (registry.schema(extension.schema()).flatMap(s -> s.attribute(path.attribute())).isPresent()) {
                            owners.add(extension.schema());
                        }
                    }
                    if (owners.size() == 1) {
                        tolerate("'" + path + "' resolved in extension " + owners.get(0));
                        return new AttributePath(owners.get(0), path.attribute(), path.subAttribute()).resolve(registry, type);
                    }
                }
                throw e;
            }
        }

        private boolean isReadOnly(Target target) {
            return target.attribute().mutability() == Mutability.READ_ONLY
                    || (target.sub() != null && target.sub().mutability() == Mutability.READ_ONLY);
        }

        private void apply(PatchOperation.Op op, Target target, JsonValue value) {
            if (isReadOnly(target)) {
                throw new MutabilityException("'" + target.text() + "' is readOnly");
            }
            boolean isNull = value == null || value.getValueType() == JsonValue.ValueType.NULL;
            if (op == PatchOperation.Op.REMOVE) {
                remove(target, isNull ? null : value);
                return;
            }
            if (isNull) {
                if (op == PatchOperation.Op.ADD) {
                    addNull(target.text());
                    return;
                }
                remove(target, null); // RFC 7643 §2.5: replace with null = unassigned
                return;
            }
            Attribute attribute = target.attribute();
            if (target.filter() != null) {
                if (attribute.multiValued()) {
                    setFiltered(target, value);
                } else {
                    setFilteredSingle(target, value);
                }
            } else if (target.sub() != null) {
                if (attribute.multiValued()) {
                    setSubOfAll(target, value);
                } else {
                    setSub(target, value);
                }
            } else if (attribute.multiValued()) {
                setMulti(op, target, value);
            } else if (attribute.type() == AttributeType.COMPLEX) {
                setComplex(target, value);
            } else {
                setSimple(target, value);
            }
        }

        private void addNull(String what) {
            if (!profile.addNullIsNoOp()) {
                throw new InvalidValueException("'" + what + "': add needs a value to add, not null "
                        + "(use replace or remove to unassign)");
            }
            tolerate("add of null to '" + what + "' ignored");
        }

        // ------------------------------------------------------------------------------------------ storage

        private Map<String, Object> container(Target target, boolean create) {
            if (!target.resolved().extension()) {
                return top;
            }
            String urn = target.resolved().schema().id();
            return create ? extensions.computeIfAbsent(urn, k -> new LinkedHashMap<>()) : extensions.get(urn);
        }

        private JsonValue single(Target target) {
            Map<String, Object> container = container(target, false);
            Object value = container == null ? null : container.get(target.name());
            return value instanceof JsonValue json && json.getValueType() != JsonValue.ValueType.NULL ? json : null;
        }

        private JsonObject singleObject(Target target) {
            return single(target) instanceof JsonObject object ? object : null;
        }

        @SuppressWarnings("unchecked")
        private List<JsonValue> list(Target target, boolean create) {
            Map<String, Object> container = container(target, create);
            Object value = container == null ? null : container.get(target.name());
            if (value instanceof List<?> list) {
                return (List<JsonValue>) list;
            }
            if (!create) {
                return new ArrayList<>();
            }
            List<JsonValue> list = new ArrayList<>();
            container.put(target.name(), list);
            return list;
        }

        private void put(Target target, JsonValue value) {
            container(target, true).put(target.name(), value);
        }

        private void clear(Target target) {
            Map<String, Object> container = container(target, false);
            if (container != null) {
                container.remove(target.name());
            }
        }

        private JsonValue canonical(Attribute attribute, JsonValue value, String path) {
            return validator.canonicalValue(attribute, value, path, this).orElse(null);
        }

        private JsonValue element(Attribute attribute, JsonValue value, String path) {
            return validator.canonicalElement(attribute, value, path, this);
        }

        // ------------------------------------------------------------------------------------------ set

        private void setSimple(Target target, JsonValue value) {
            JsonValue canonical = canonical(target.attribute(), value, target.text());
            if (canonical == null) {
                remove(target, null);
                return;
            }
            requireChangeable(target.attribute(), single(target), canonical, target.text());
            put(target, canonical);
        }

        private void setComplex(Target target, JsonValue value) {
            Attribute attribute = target.attribute();
            JsonObject given = (JsonObject) element(attribute, value, target.text());
            JsonObject merged = merge(attribute, singleObject(target), given, nullSubAttributes(attribute, value),
                    target.text());
            if (merged.isEmpty()) {
                remove(target, null);
            } else {
                put(target, merged);
            }
        }

        private void setSub(Target target, JsonValue value) {
            Attribute sub = target.sub();
            JsonValue canonical = canonical(sub, value, target.text());
            if (canonical == null) {
                remove(target, null);
                return;
            }
            JsonObject old = singleObject(target);
            requireChangeable(sub, old == null ? null : old.get(sub.name()), canonical, target.text());
            JsonObjectBuilder builder = old == null ? JSON.createObjectBuilder() : JSON.createObjectBuilder(old);
            put(target, builder.add(sub.name(), canonical).build());
        }

        private void setSubOfAll(Target target, JsonValue value) {
            Attribute sub = target.sub();
            JsonValue canonical = canonical(sub, value, target.text());
            if (canonical == null) {
                remove(target, null);
                return;
            }
            List<JsonValue> list = list(target, true);
            List<Integer> touched = new ArrayList<>();
            if (list.isEmpty()) {
                list.add(element(target.attribute(), JSON.createObjectBuilder().add(sub.name(), canonical).build(),
                        target.text()));
                touched.add(0);
            } else {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof JsonObject object) {
                        requireChangeable(sub, object.get(sub.name()), canonical, target.text());
                        list.set(i, JSON.createObjectBuilder(object).add(sub.name(), canonical).build());
                        touched.add(i);
                    }
                }
            }
            enforcePrimary(target.attribute(), list, touched, target.text());
        }

        private void setMulti(PatchOperation.Op op, Target target, JsonValue value) {
            Attribute attribute = target.attribute();
            JsonArray array;
            if (value instanceof JsonArray given) {
                array = given;
            } else if (profile.wrapSingleValues()) {
                tolerate("single value taken as a one-element array for multi-valued '" + target.text() + "'");
                array = JSON.createArrayBuilder().add(value).build();
            } else {
                throw new InvalidValueException("'" + target.text() + "' is multi-valued: the value must be a JSON array");
            }
            List<JsonValue> elements = new ArrayList<>();
            Set<JsonValue> seen = new HashSet<>();
            for (JsonValue item : array) {
                if (item.getValueType() == JsonValue.ValueType.NULL) {
                    continue;
                }
                JsonValue canonical = element(attribute, item, target.text());
                if (canonical instanceof JsonObject object && object.isEmpty()) {
                    continue;
                }
                if (seen.add(canonical)) {
                    elements.add(canonical);
                }
            }
            List<JsonValue> list = list(target, false);
            if (op == PatchOperation.Op.ADD) {
                Set<JsonValue> existing = new HashSet<>(list);
                List<JsonValue> added = new ArrayList<>();
                for (JsonValue element : elements) {
                    if (!existing.contains(element)) {
                        added.add(element);
                    }
                }
                if (added.isEmpty()) {
                    return;
                }
                if (attribute.mutability() == Mutability.IMMUTABLE && !list.isEmpty()) {
                    throw new MutabilityException("'" + target.text() + "' is immutable and already has values");
                }
                list = list(target, true);
                List<Integer> touched = new ArrayList<>();
                for (JsonValue element : added) {
                    list.add(element);
                    touched.add(list.size() - 1);
                }
                enforcePrimary(attribute, list, touched, target.text());
                return;
            }
            // replace: exactly the given values
            if (elements.isEmpty()) {
                remove(target, null);
                return;
            }
            if (attribute.mutability() == Mutability.IMMUTABLE && !list.isEmpty() && !list.equals(elements)) {
                throw new MutabilityException("'" + target.text() + "' is immutable and already has values");
            }
            List<JsonValue> replacement = new ArrayList<>(elements);
            List<Integer> touched = new ArrayList<>();
            for (int i = 0; i < replacement.size(); i++) {
                touched.add(i);
            }
            enforcePrimary(attribute, replacement, touched, target.text());
            container(target, true).put(target.name(), replacement);
        }

        private List<Integer> matches(Target target, List<JsonValue> list) {
            List<Integer> result = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof JsonObject object && target.matcher().test(object)) {
                    result.add(i);
                }
            }
            return result;
        }

        private void setFiltered(Target target, JsonValue value) {
            Attribute attribute = target.attribute();
            List<JsonValue> list = list(target, false);
            List<Integer> matched = matches(target, list);
            if (matched.isEmpty()) {
                JsonObject created = createFromFilter(target, value);
                list = list(target, true);
                if (!list.contains(created)) {
                    list.add(created);
                    enforcePrimary(attribute, list, List.of(list.size() - 1), target.text());
                }
                return;
            }
            for (int i : matched) {
                list.set(i, modify(target, (JsonObject) list.get(i), value));
            }
            enforcePrimary(attribute, list, matched, target.text());
            list.removeIf(element -> element instanceof JsonObject object && object.isEmpty());
        }

        private void setFilteredSingle(Target target, JsonValue value) {
            JsonObject old = singleObject(target);
            if (old != null && target.matcher().test(old)) {
                JsonObject modified = modify(target, old, value);
                if (modified.isEmpty()) {
                    remove(new Target(target.resolved(), null, null, null, target.text()), null);
                } else {
                    put(target, modified);
                }
            } else if (old == null) {
                put(target, createFromFilter(target, value));
            } else {
                throw new NoTargetException("'" + target.text() + "': the value of '" + target.name()
                        + "' does not match the filter");
            }
        }

        /** One selected complex value with the operation's value merged in, or its sub-attribute set. */
        private JsonObject modify(Target target, JsonObject old, JsonValue value) {
            Attribute attribute = target.attribute();
            if (target.sub() == null) {
                JsonObject given = (JsonObject) element(attribute, value, target.text());
                return merge(attribute, old, given, nullSubAttributes(attribute, value), target.text());
            }
            Attribute sub = target.sub();
            JsonValue canonical = canonical(sub, value, target.text());
            if (canonical == null) {
                return without(old, sub, target.text());
            }
            requireChangeable(sub, old.get(sub.name()), canonical, target.text());
            return JSON.createObjectBuilder(old).add(sub.name(), canonical).build();
        }

        /** A new value built from a filter of eq comparisons and the operation's value (tolerance). */
        private JsonObject createFromFilter(Target target, JsonValue value) {
            Attribute attribute = target.attribute();
            if (!profile.createFromFilter()) {
                throw new NoTargetException("'" + target.text() + "': no value of '" + target.name()
                        + "' matches the filter (RFC 7644 §3.5.2.3)");
            }
            Map<String, JsonValue> fields = new LinkedHashMap<>();
            if (!equalities(attribute, target.filter(), fields)) {
                throw new NoTargetException("'" + target.text() + "': no value of '" + target.name()
                        + "' matches the filter, and a value can only be created from 'eq' comparisons joined by 'and'");
            }
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            fields.forEach(builder::add);
            JsonObject base = (JsonObject) element(attribute, builder.build(), target.text());
            JsonObject created;
            if (target.sub() == null) {
                JsonObject given = (JsonObject) element(attribute, value, target.text());
                created = JSON.createObjectBuilder(base).addAll(JSON.createObjectBuilder(given)).build();
            } else {
                JsonValue canonical = canonical(target.sub(), value, target.text());
                created = canonical == null ? base
                        : JSON.createObjectBuilder(base).add(target.sub().name(), canonical).build();
            }
            tolerate("'" + target.text() + "' matched no value; added one built from the filter");
            return created;
        }

        private boolean equalities(Attribute attribute, Filter filter, Map<String, JsonValue> fields) {
            if (filter instanceof And and) {
                for (Filter operand : and.operands()) {
                    if (!equalities(attribute, operand, fields)) {
                        return false;
                    }
                }
                return true;
            }
            if (!(filter instanceof Comparison comparison) || comparison.operator() != ComparisonOperator.EQ) {
                return false;
            }
            Optional<Attribute> sub = attribute.subAttribute(comparison.path().attribute());
            JsonValue literal = json(comparison.value());
            if (sub.isEmpty() || literal == null) {
                return false;
            }
            JsonValue previous = fields.put(sub.get().name(), literal);
            return previous == null || previous.equals(literal);
        }

        private JsonValue json(Literal literal) {
            if (literal instanceof Literal.StringLiteral string) {
                return JSON.createValue(string.value());
            }
            if (literal instanceof Literal.NumberLiteral number) {
                return JSON.createValue(number.value());
            }
            if (literal instanceof Literal.BooleanLiteral bool) {
                return bool.value() ? JsonValue.TRUE : JsonValue.FALSE;
            }
            return null;
        }

        // ------------------------------------------------------------------------------------------ remove

        private void remove(Target target, JsonValue value) {
            if (value != null) {
                if (!profile.removeWithValue()) {
                    throw new InvalidSyntaxException("remove takes no 'value'; select the values to remove with a "
                            + "filter in the path, e.g. members[value eq \"...\"]");
                }
                removeListed(target, value);
                return;
            }
            Attribute attribute = target.attribute();
            if (target.filter() != null) {
                if (attribute.multiValued()) {
                    removeFiltered(target);
                } else {
                    JsonObject old = singleObject(target);
                    if (old == null || !target.matcher().test(old)) {
                        unmatched(target);
                    } else if (target.sub() == null) {
                        requireRemovable(attribute, old, target.text());
                        clear(target);
                    } else {
                        JsonObject rest = without(old, target.sub(), target.text());
                        replaceSingleComplex(target, rest);
                    }
                }
            } else if (target.sub() != null) {
                if (attribute.multiValued()) {
                    List<JsonValue> list = list(target, false);
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof JsonObject object) {
                            list.set(i, without(object, target.sub(), target.text()));
                        }
                    }
                    list.removeIf(element -> element instanceof JsonObject object && object.isEmpty());
                    requireNotEmptied(attribute, list, target.text());
                } else {
                    JsonObject old = singleObject(target);
                    if (old != null) {
                        replaceSingleComplex(target, without(old, target.sub(), target.text()));
                    }
                }
            } else if (attribute.multiValued()) {
                List<JsonValue> list = list(target, false);
                if (!list.isEmpty()) {
                    requireRemovable(attribute, null, target.text());
                    clear(target);
                }
            } else {
                JsonValue old = single(target);
                if (old != null) {
                    requireRemovable(attribute, old, target.text());
                    clear(target);
                }
            }
        }

        private void replaceSingleComplex(Target target, JsonObject rest) {
            if (rest.isEmpty()) {
                requireRemovable(target.attribute(), null, target.text());
                clear(target);
            } else {
                put(target, rest);
            }
        }

        private void removeFiltered(Target target) {
            List<JsonValue> list = list(target, false);
            List<Integer> matched = matches(target, list);
            if (matched.isEmpty()) {
                unmatched(target);
                return;
            }
            if (target.sub() == null) {
                if (target.attribute().mutability() == Mutability.IMMUTABLE) {
                    throw new MutabilityException("'" + target.text() + "': '" + target.name() + "' is immutable");
                }
                Set<Integer> gone = new HashSet<>(matched);
                List<JsonValue> kept = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (!gone.contains(i)) {
                        kept.add(list.get(i));
                    }
                }
                requireNotEmptied(target.attribute(), kept, target.text());
                list.clear();
                list.addAll(kept);
                return;
            }
            for (int i : matched) {
                list.set(i, without((JsonObject) list.get(i), target.sub(), target.text()));
            }
            list.removeIf(element -> element instanceof JsonObject object && object.isEmpty());
            requireNotEmptied(target.attribute(), list, target.text());
        }

        private void unmatched(Target target) {
            if (!profile.unmatchedRemoveIsNoOp()) {
                throw new NoTargetException("'" + target.text() + "': no value of '" + target.name()
                        + "' matches the filter");
            }
            tolerate("'" + target.text() + "' matched no value; nothing removed");
        }

        /** remove with a value (tolerance): only the listed values go, complex ones matched by their "value". */
        private void removeListed(Target target, JsonValue value) {
            Attribute attribute = target.attribute();
            if (target.filter() != null || target.sub() != null) {
                throw new InvalidSyntaxException("remove with both a filter or sub-attribute in the path and a 'value' "
                        + "is ambiguous");
            }
            tolerate("remove with a value: only the listed values of '" + target.text() + "' removed");
            List<JsonValue> given = value instanceof JsonArray array ? array : List.of(value);
            Optional<Attribute> valueSub = attribute.type() == AttributeType.COMPLEX
                    ? attribute.subAttribute("value") : Optional.empty();
            Predicate<JsonValue> listed;
            if (valueSub.isPresent()) {
                Set<String> keys = new HashSet<>();
                Set<JsonValue> others = new HashSet<>();
                Attribute key = valueSub.get();
                for (JsonValue item : given) {
                    JsonValue id = item instanceof JsonObject object ? memberIgnoringCase(object, key.name()) : item;
                    if (id instanceof JsonString string) {
                        keys.add(key.caseExact() ? string.getString() : string.getString().toLowerCase(Locale.ROOT));
                    } else if (id != null && (id instanceof JsonNumber || id.getValueType() == JsonValue.ValueType.TRUE
                            || id.getValueType() == JsonValue.ValueType.FALSE)) {
                        others.add(id);
                    } else if (id == null || id.getValueType() != JsonValue.ValueType.NULL) {
                        throw new InvalidValueException("'" + target.text() + "': each value to remove must be a "
                                + "{\"" + key.name() + "\": ...} object or a bare " + key.name());
                    }
                }
                listed = element -> {
                    JsonValue id = element instanceof JsonObject object ? object.get(key.name()) : null;
                    if (id instanceof JsonString string) {
                        return keys.contains(key.caseExact() ? string.getString()
                                : string.getString().toLowerCase(Locale.ROOT));
                    }
                    return id != null && others.contains(id);
                };
            } else {
                Set<JsonValue> canonical = new HashSet<>();
                for (JsonValue item : given) {
                    if (item.getValueType() != JsonValue.ValueType.NULL) {
                        canonical.add(element(attribute, item, target.text()));
                    }
                }
                listed = canonical::contains;
            }
            if (attribute.multiValued()) {
                List<JsonValue> list = list(target, false);
                List<JsonValue> kept = new ArrayList<>();
                for (JsonValue element : list) {
                    if (!listed.test(element)) {
                        kept.add(element);
                    }
                }
                if (kept.size() != list.size()) {
                    if (attribute.mutability() == Mutability.IMMUTABLE) {
                        throw new MutabilityException("'" + target.text() + "' is immutable");
                    }
                    requireNotEmptied(attribute, kept, target.text());
                    list.clear();
                    list.addAll(kept);
                }
            } else {
                JsonValue old = single(target);
                if (old != null && listed.test(old)) {
                    requireRemovable(attribute, old, target.text());
                    clear(target);
                }
            }
        }

        // ------------------------------------------------------------------------------------------ rules

        /** RFC 7643 §2.2: immutable values may be set once; a different value is refused. */
        private void requireChangeable(Attribute attribute, JsonValue old, JsonValue now, String path) {
            if (attribute.mutability() == Mutability.IMMUTABLE && old != null
                    && old.getValueType() != JsonValue.ValueType.NULL && !old.equals(now)) {
                throw new MutabilityException("'" + path + "': '" + attribute.name() + "' is immutable and already set");
            }
        }

        /** A value may be removed unless it is required or immutable (or, for a complex one, holds immutable parts). */
        private void requireRemovable(Attribute attribute, JsonValue old, String path) {
            if (attribute.required()) {
                throw new InvalidValueException("'" + path + "': '" + attribute.name() + "' is required and cannot be "
                        + "removed");
            }
            if (attribute.mutability() == Mutability.IMMUTABLE) {
                throw new MutabilityException("'" + path + "': '" + attribute.name() + "' is immutable");
            }
            if (old instanceof JsonObject object) {
                for (Attribute sub : attribute.subAttributes()) {
                    if (sub.mutability() == Mutability.IMMUTABLE && object.containsKey(sub.name())) {
                        throw new MutabilityException("'" + path + "': '" + attribute.name() + "." + sub.name()
                                + "' is immutable");
                    }
                }
            }
        }

        private void requireNotEmptied(Attribute attribute, List<JsonValue> remaining, String path) {
            if (remaining.isEmpty() && attribute.required()) {
                throw new InvalidValueException("'" + path + "': '" + attribute.name() + "' is required and cannot lose "
                        + "its last value");
            }
        }

        /** {@code object} without {@code sub}, checking it may be removed. */
        private JsonObject without(JsonObject object, Attribute sub, String path) {
            if (!object.containsKey(sub.name())) {
                return object;
            }
            requireRemovable(sub, null, path);
            JsonObjectBuilder builder = JSON.createObjectBuilder(object);
            builder.remove(sub.name());
            return builder.build();
        }

        /** The sub-attributes a raw complex value sets to null, meaning "unassign" (RFC 7643 §2.5). */
        private List<Attribute> nullSubAttributes(Attribute attribute, JsonValue raw) {
            List<Attribute> result = new ArrayList<>();
            if (raw instanceof JsonObject object) {
                for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                    if (entry.getValue().getValueType() == JsonValue.ValueType.NULL) {
                        attribute.subAttribute(entry.getKey()).ifPresent(result::add);
                    }
                }
            }
            return result;
        }

        /** {@code old} with the sub-attributes of {@code given} set and {@code nulls} removed. */
        private JsonObject merge(Attribute attribute, JsonObject old, JsonObject given, List<Attribute> nulls, String path) {
            Map<String, JsonValue> merged = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
            for (Map.Entry<String, JsonValue> entry : given.entrySet()) {
                Attribute sub = attribute.subAttribute(entry.getKey()).orElseThrow();
                requireChangeable(sub, merged.get(sub.name()), entry.getValue(), path + "." + sub.name());
                merged.put(sub.name(), entry.getValue());
            }
            for (Attribute sub : nulls) {
                if (merged.containsKey(sub.name()) && sub.mutability() != Mutability.READ_ONLY) {
                    requireRemovable(sub, null, path + "." + sub.name());
                    merged.remove(sub.name());
                }
            }
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            merged.forEach(builder::add);
            return builder.build();
        }

        /** RFC 7643 §2.4: "The primary attribute value "true" MUST appear no more than once." */
        private void enforcePrimary(Attribute attribute, List<JsonValue> list, List<Integer> touched, String path) {
            Optional<Attribute> primary = attribute.subAttribute("primary")
                    .filter(a -> a.type() == AttributeType.BOOLEAN && !a.multiValued());
            if (primary.isEmpty()) {
                return;
            }
            String name = primary.get().name();
            Integer chosen = null;
            for (int i : touched) {
                if (i < list.size() && list.get(i) instanceof JsonObject object && isTrue(object.get(name))) {
                    if (chosen != null) {
                        throw new InvalidValueException("'" + path + "': at most one value of '" + attribute.name()
                                + "' may be primary (RFC 7643 §2.4)");
                    }
                    chosen = i;
                }
            }
            if (chosen == null) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                if (i != chosen && list.get(i) instanceof JsonObject object && isTrue(object.get(name))) {
                    list.set(i, JSON.createObjectBuilder(object).add(name, JsonValue.FALSE).build());
                }
            }
        }

        // ------------------------------------------------------------------------------------------ result

        /** The working copy as a JSON object, with {@code schemas} listing the core schema and extensions in use. */
        JsonObject assemble() {
            JsonObjectBuilder result = JSON.createObjectBuilder();
            Set<String> urns = new LinkedHashSet<>();
            urns.add(type.schema());
            for (String urn : schemas) {
                Optional<SchemaExtension> extension = type.extension(urn);
                boolean emptied = extension.isPresent() && extensionsBefore.contains(extension.get().schema())
                        && isEmpty(extensions.get(extension.get().schema()));
                if (!urn.equalsIgnoreCase(type.schema()) && !emptied) {
                    urns.add(urn);
                }
            }
            top.forEach((name, value) -> add(result, name, value));
            for (Map.Entry<String, Map<String, Object>> extension : extensions.entrySet()) {
                if (!isEmpty(extension.getValue())) {
                    JsonObjectBuilder object = JSON.createObjectBuilder();
                    extension.getValue().forEach((name, value) -> add(object, name, value));
                    result.add(extension.getKey(), object);
                    if (urns.stream().noneMatch(urn -> urn.equalsIgnoreCase(extension.getKey()))) {
                        urns.add(extension.getKey());
                    }
                }
            }
            JsonArrayBuilder schemaArray = JSON.createArrayBuilder();
            urns.forEach(schemaArray::add);
            return result.add("schemas", schemaArray).build();
        }

        private boolean isEmpty(Map<String, Object> container) {
            if (container == null) {
                return true;
            }
            for (Object value : container.values()) {
                if (value instanceof List<?> list ? !list.isEmpty()
                        : ((JsonValue) value).getValueType() != JsonValue.ValueType.NULL) {
                    return false;
                }
            }
            return true;
        }

        private void add(JsonObjectBuilder builder, String name, Object value) {
            if (value instanceof List<?> list) {
                if (!list.isEmpty()) {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    list.forEach(element -> array.add((JsonValue) element));
                    builder.add(name, array);
                }
            } else {
                builder.add(name, (JsonValue) value);
            }
        }
    }

    private static boolean isTrue(JsonValue value) {
        return value != null && value.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static JsonValue memberIgnoringCase(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}

package org.scimee.projection;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimee.error.InvalidPathException;
import org.scimee.error.InvalidValueException;
import org.scimee.path.AttributePath;
import org.scimee.path.ResolvedPath;
import org.scimee.schema.Attribute;
import org.scimee.schema.AttributeType;
import org.scimee.schema.ResourceType;
import org.scimee.schema.Schema;
import org.scimee.schema.SchemaExtension;
import org.scimee.schema.SchemaRegistry;

/**
 * Which attributes of a resource a response carries: the {@code attributes} / {@code excludedAttributes} request
 * parameters (RFC 7644 §3.4.2.5, §3.9) combined with each attribute's {@code returned} characteristic (RFC 7643 §7).
 *
 * <p>A projection is bound to one resource type and immutable; build it once per request and {@link #apply} it to
 * every resource of the response. The rules, for every attribute and, one level down, every sub-attribute:
 * <ul>
 *   <li>{@code returned: always} is in the response whatever the parameters say (so {@code id} survives
 *       {@code excludedAttributes=id}). {@code schemas} is not defined by any schema; it is treated as always.</li>
 *   <li>{@code returned: never} is never in the response, even when named (so {@code password} is never echoed).</li>
 *   <li>{@code returned: request} is in the response only when the {@code attributes} parameter names it itself:
 *       naming its parent attribute or its extension URN is not enough.</li>
 *   <li>{@code returned: default} is in the response unless {@code attributes} is given and names neither it nor an
 *       attribute or extension containing it, or {@code excludedAttributes} names it or an attribute or extension
 *       containing it.</li>
 * </ul>
 * Naming a sub-attribute ({@code name.givenName}, {@code emails.value}) keeps the parent but only that
 * sub-attribute (plus those returned always) in the parent's value, in every element of a multi-valued
 * attribute; naming the attribute ({@code emails}) selects all of it. Extension attributes are named by their full
 * path ({@code urn:...:enterprise:2.0:User:employeeNumber}); the bare extension URN names the whole extension
 * object, and the bare core schema URN all core attributes, each as if it named an attribute containing them (so
 * {@code returned: request} attributes inside still need their own name). An extension object left empty is
 * removed. Names and URNs are case-insensitive.
 *
 * <p>Where the RFCs leave room, this class decides:
 * <ul>
 *   <li>Both parameters at once: RFC 7644 §3.9 calls them mutually exclusive, so that is refused with
 *       {@link InvalidValueException} ({@code invalidValue}).</li>
 *   <li>A syntactically invalid path (e.g. {@code emails[type eq "work"]}, {@code a.b.c}, an empty item between
 *       commas) is refused with {@link InvalidPathException} ({@code invalidPath}); RFC 7644 names no
 *       {@code scimType} for this.</li>
 *   <li>A well-formed path the resource type does not define (unknown attribute, sub-attribute, or schema URN) is
 *       ignored: real clients send lists written for several providers. With {@code attributes} naming only unknown
 *       names, the response carries just the attributes returned always.</li>
 *   <li>Whitespace around the comma-separated items is ignored; an absent, empty or blank parameter counts as
 *       not given.</li>
 *   <li>Complex values left without any sub-attribute, and multi-valued attributes or extension objects left
 *       without any value, are removed rather than returned empty (RFC 7643 §2.5: empty means unassigned).</li>
 *   <li>Members of the resource that the schemas do not define are not returned: their {@code returned}
 *       characteristic is unknown. Resources in canonical form have none.</li>
 *   <li>The {@code schemas} value is returned unchanged, even when an extension object is projected away.</li>
 * </ul>
 */
public final class Projection {

    // one provider for the class: Json.createXxx() looks the provider up with a ServiceLoader scan on every call
    private static final JsonProvider JSON = JsonProvider.provider();

    /** RFC 7643 §3: the member listing a resource's schema URNs; no schema defines it, so it is treated as always. */
    private static final String SCHEMAS = "schemas";

    private enum Mode {
        /** Neither parameter: the default set. */
        DEFAULT,
        /** {@code attributes}: the minimum set plus what is named. */
        INCLUDE,
        /** {@code excludedAttributes}: the default set minus what is named. */
        EXCLUDE
    }

    private final SchemaRegistry registry;
    private final ResourceType type;
    private final Mode mode;
    private final Selection root;
    private final Set<String> topLevelKeys;

    private Projection(SchemaRegistry registry, ResourceType type, Mode mode, List<String> paths) {
        this.registry = registry;
        this.type = type;
        this.mode = mode;
        this.root = new Selection();
        paths.forEach(this::select);
        this.topLevelKeys = Collections.unmodifiableSet(computeTopLevelKeys());
    }

    /** The projection of a request that gives neither parameter: every attribute returned always or by default. */
    public static Projection defaults(SchemaRegistry registry, ResourceType type) {
        return new Projection(registry, type, Mode.DEFAULT, List.of());
    }

    /**
     * The projection of the {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 §3.4.2.5),
     * each a comma-separated list of attribute paths, or {@code null} when absent.
     *
     * @throws InvalidValueException if both parameters are given
     * @throws InvalidPathException  if an item is not a syntactically valid attribute path
     */
    public static Projection parse(SchemaRegistry registry, ResourceType type, String attributes, String excludedAttributes) {
        return of(registry, type, split(attributes), split(excludedAttributes));
    }

    /**
     * The projection of the {@code attributes} and {@code excludedAttributes} members of a SearchRequest body
     * (RFC 7644 §3.4.3), each a list of attribute paths, or {@code null} when absent.
     *
     * @throws InvalidValueException if both lists are non-empty
     * @throws InvalidPathException  if an item is not a syntactically valid attribute path
     */
    public static Projection of(SchemaRegistry registry, ResourceType type,
            Collection<String> attributes, Collection<String> excludedAttributes) {
        boolean include = attributes != null && !attributes.isEmpty();
        boolean exclude = excludedAttributes != null && !excludedAttributes.isEmpty();
        if (include && exclude) {
            throw new InvalidValueException("'attributes' and 'excludedAttributes' are mutually exclusive (RFC 7644 §3.9)");
        }
        if (include) {
            return new Projection(registry, type, Mode.INCLUDE, checked(attributes));
        }
        if (exclude) {
            return new Projection(registry, type, Mode.EXCLUDE, checked(excludedAttributes));
        }
        return defaults(registry, type);
    }

    /**
     * The representation a response carries for {@code resource}, a full representation in canonical form
     * (e.g. from {@link org.scimee.store.StoredResource#toJson}). Member order is kept.
     */
    public JsonObject apply(JsonObject resource) {
        Schema core = registry.coreSchema(type);
        JsonObjectBuilder result = JSON.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : resource.entrySet()) {
            String key = member.getKey();
            if (key.equalsIgnoreCase(SCHEMAS)) {
                result.add(key, member.getValue());
                continue;
            }
            Optional<Schema> extension = type.extension(key).flatMap(e -> registry.schema(e.schema()));
            if (extension.isPresent()) {
                Selection selected = root.get(extension.get().id());
                if (member.getValue() instanceof JsonObject object) {
                    JsonObject projected = project(extension.get().attributes(), object, selected,
                            selected != null && selected.whole);
                    if (!projected.isEmpty()) {
                        result.add(key, projected);
                    }
                }
                continue;
            }
            Optional<Attribute> common = registry.common().attribute(key);
            Optional<Attribute> definition = common.or(() -> core.attribute(key));
            if (definition.isPresent()) {
                JsonValue value = project(definition.get(), member.getValue(), root.get(key), common.isEmpty() && coreNamedWhole());
                if (value != null) {
                    result.add(key, value);
                }
            }
        }
        return result.build();
    }

    /**
     * Whether {@link #apply} may return a value at {@code path}; {@code false} for paths the resource type does not
     * define. A store may use it to skip reading what the response will not carry, e.g. a group's {@code members}
     * under {@code excludedAttributes=members}.
     */
    public boolean includes(AttributePath path) {
        ResolvedPath resolved;
        try {
            resolved = path.resolve(registry, type);
        } catch (InvalidPathException unknown) {
            return false;
        }
        Selection container = resolved.extension() ? root.get(resolved.schema().id()) : root;
        boolean inherited = resolved.extension()
                ? container != null && container.whole
                : resolved.schema() != registry.common() && coreNamedWhole();
        Selection selected = container == null ? null : container.get(resolved.attribute().name());
        Verdict verdict = judge(resolved.attribute(), selected, inherited);
        if (!verdict.returned() || resolved.subAttribute() == null) {
            return verdict.returned();
        }
        Selection sub = selected == null ? null : selected.get(resolved.subAttribute().name());
        return judge(resolved.subAttribute(), sub, verdict.subsInherited()).returned();
    }

    /**
     * The top-level members {@link #apply} may return: {@code schemas}, common and core attribute names as the
     * schema spells them, and extension URNs. A store may read only these.
     */
    public Set<String> topLevelKeys() {
        return topLevelKeys;
    }

    private Set<String> computeTopLevelKeys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(SCHEMAS);
        for (Attribute attribute : registry.common().attributes()) {
            if (judge(attribute, root.get(attribute.name()), false).returned()) {
                keys.add(attribute.name());
            }
        }
        for (Attribute attribute : registry.coreSchema(type).attributes()) {
            if (judge(attribute, root.get(attribute.name()), coreNamedWhole()).returned()) {
                keys.add(attribute.name());
            }
        }
        for (SchemaExtension extension : type.schemaExtensions()) {
            Schema schema = registry.schema(extension.schema()).orElseThrow();
            Selection selected = root.get(schema.id());
            boolean inherited = selected != null && selected.whole;
            for (Attribute attribute : schema.attributes()) {
                if (judge(attribute, selected == null ? null : selected.get(attribute.name()), inherited).returned()) {
                    keys.add(schema.id());
                    break;
                }
            }
        }
        return keys;
    }

    /** Whether the parameter names the bare core schema URN, and so every core attribute. */
    private boolean coreNamedWhole() {
        Selection core = root.get(type.schema());
        return core != null && core.whole;
    }

    /** Records one named path in the selection tree; unknown but well-formed paths are ignored. */
    private void select(String text) {
        // A bare schema URN names every attribute of the schema, as if it named a containing attribute.
        if (text.equalsIgnoreCase(type.schema())) {
            root.child(type.schema()).whole = true;
            return;
        }
        Optional<SchemaExtension> extension = type.extension(text);
        if (extension.isPresent()) {
            root.child(extension.get().schema()).whole = true;
            return;
        }
        AttributePath path = AttributePath.parse(text);
        ResolvedPath resolved;
        try {
            resolved = path.resolve(registry, type);
        } catch (InvalidPathException unknown) {
            return;
        }
        Selection container = resolved.extension() ? root.child(resolved.schema().id()) : root;
        Selection attribute = container.child(resolved.attribute().name());
        if (resolved.subAttribute() == null) {
            attribute.whole = true;
        } else {
            attribute.child(resolved.subAttribute().name()).whole = true;
        }
    }

    /**
     * Whether {@code attribute} is returned and, if so, whether its sub-attributes count as selected by it.
     *
     * @param selected  what the parameter names at or below this attribute, or {@code null} if nothing
     * @param inherited whether the parameter names the containing attribute or extension as a whole
     */
    private Verdict judge(Attribute attribute, Selection selected, boolean inherited) {
        boolean named = selected != null;
        boolean namedWhole = named && selected.whole;
        return switch (mode) {
            case INCLUDE -> switch (attribute.returned()) {
                case NEVER -> Verdict.DROPPED;
                // An unnamed always-attribute comes with its default sub-attributes; a named one with what is named.
                case ALWAYS -> new Verdict(true, inherited || namedWhole || !named);
                case DEFAULT -> new Verdict(named || inherited, inherited || namedWhole);
                case REQUEST -> new Verdict(named, inherited || namedWhole);
            };
            // In these modes "inherited" means the container was excluded as a whole. Sub-attributes of a returned
            // attribute are judged by their own names only: an excluded always-attribute is returned in full.
            case EXCLUDE, DEFAULT -> switch (attribute.returned()) {
                case NEVER, REQUEST -> Verdict.DROPPED;
                case ALWAYS -> new Verdict(true, false);
                case DEFAULT -> new Verdict(!(inherited || namedWhole), false);
            };
        };
    }

    /** The projected value of {@code attribute}, or {@code null} when it is not returned or ends up empty. */
    private JsonValue project(Attribute attribute, JsonValue value, Selection selected, boolean inherited) {
        Verdict verdict = judge(attribute, selected, inherited);
        if (!verdict.returned()) {
            return null;
        }
        if (attribute.type() != AttributeType.COMPLEX) {
            return value;
        }
        if (value instanceof JsonObject object) {
            JsonObject projected = project(attribute.subAttributes(), object, selected, verdict.subsInherited());
            return projected.isEmpty() ? null : projected;
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder elements = JSON.createArrayBuilder();
            int count = 0;
            for (JsonValue element : value.asJsonArray()) {
                if (element instanceof JsonObject object) {
                    JsonObject projected = project(attribute.subAttributes(), object, selected, verdict.subsInherited());
                    if (!projected.isEmpty()) {
                        elements.add(projected);
                        count++;
                    }
                }
            }
            return count == 0 ? null : elements.build();
        }
        return null;
    }

    /** Projects the members of a complex value or extension object whose definitions are {@code definitions}. */
    private JsonObject project(List<Attribute> definitions, JsonObject object, Selection selected, boolean inherited) {
        JsonObjectBuilder result = JSON.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String key = member.getKey();
            Optional<Attribute> definition = definitions.stream().filter(a -> a.named(key)).findFirst();
            if (definition.isPresent()) {
                JsonValue value = project(definition.get(), member.getValue(), selected == null ? null : selected.get(key), inherited);
                if (value != null) {
                    result.add(key, value);
                }
            }
        }
        return result.build();
    }

    private static List<String> split(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return List.of();
        }
        return List.of(parameter.split(",", -1));
    }

    private static List<String> checked(Collection<String> paths) {
        List<String> result = new ArrayList<>();
        for (String path : paths) {
            String trimmed = path == null ? "" : path.strip();
            if (trimmed.isEmpty()) {
                throw new InvalidPathException("an attribute path in 'attributes' or 'excludedAttributes' is empty");
            }
            result.add(trimmed);
        }
        return result;
    }

    @Override
    public String toString() {
        return "Projection[" + type.name() + ", " + mode + "]";
    }

    /** @param returned whether the attribute is returned; @param subsInherited whether its sub-attributes count as named */
    private record Verdict(boolean returned, boolean subsInherited) {
        static final Verdict DROPPED = new Verdict(false, false);
    }

    /**
     * What a parameter names at one level: the node is named {@link #whole} and/or has named children.
     * Only mutated while the enclosing projection is constructed.
     */
    private static final class Selection {
        private boolean whole;
        private final Map<String, Selection> children = new HashMap<>();

        Selection child(String name) {
            return children.computeIfAbsent(Attribute.key(name), k -> new Selection());
        }

        Selection get(String name) {
            return children.get(Attribute.key(name));
        }
    }
}

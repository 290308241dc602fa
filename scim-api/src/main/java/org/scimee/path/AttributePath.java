package org.scimee.path;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.scimee.error.InvalidPathException;
import org.scimee.schema.Attribute;
import org.scimee.schema.ResourceType;
import org.scimee.schema.Schema;
import org.scimee.schema.SchemaRegistry;

/**
 * An attribute path, RFC 7644 §3.10: {@code attrPath = [URI ":"] ATTRNAME *1subAttr}.
 *
 * <p>Immutable and not yet tied to a schema; {@link #resolve(SchemaRegistry, ResourceType)} finds the
 * attribute definitions it names. Equality ignores the case of names and URN (RFC 7643 §2.1).
 *
 * @param schema       the schema URN prefix, or {@code null} when the path has none
 * @param attribute    the attribute name
 * @param subAttribute the sub-attribute name, or {@code null}
 */
public record AttributePath(String schema, String attribute, String subAttribute) {

    public AttributePath {
        Objects.requireNonNull(attribute, "attribute");
        if (!isAttributeName(attribute) || (subAttribute != null && !isAttributeName(subAttribute))) {
            throw new InvalidPathException("'" + attribute + (subAttribute == null ? "" : "." + subAttribute)
                    + "' is not a valid attribute name");
        }
    }

    /** A path without URN prefix or sub-attribute. */
    public static AttributePath of(String attribute) {
        return new AttributePath(null, attribute, null);
    }

    /**
     * Parses {@code [URI ":"] ATTRNAME ["." ATTRNAME]}. A URN prefix is recognised by its {@code urn:} scheme; the
     * attribute starts after its last colon, since attribute names cannot contain one.
     *
     * @throws InvalidPathException if {@code text} is not an attribute path
     */
    public static AttributePath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidPathException("an attribute path must not be empty");
        }
        String schema = null;
        String rest = text;
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = text.lastIndexOf(':');
            schema = text.substring(0, colon);
            rest = text.substring(colon + 1);
            if (rest.isEmpty()) {
                throw new InvalidPathException("'" + text + "' names a schema but no attribute");
            }
        }
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return new AttributePath(schema, rest, null);
        }
        return new AttributePath(schema, rest.substring(0, dot), rest.substring(dot + 1));
    }

    /** RFC 7644 §3.10: {@code ATTRNAME = ALPHA *(nameChar)}, {@code nameChar = "-" / "_" / DIGIT / ALPHA}; plus {@code $ref}. */
    public static boolean isAttributeName(String name) {
        if (name.equals("$ref")) {
            return true;
        }
        if (name.isEmpty() || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** This path with {@code sub} as its sub-attribute. */
    public AttributePath withSubAttribute(String sub) {
        return new AttributePath(schema, attribute, sub);
    }

    /**
     * Finds the definitions this path names for resources of {@code type}: a URN prefix selects that schema (the
     * core schema or one of the type's extensions); without one, the common attributes and then the core schema
     * are searched (RFC 7644 §3.10: an unqualified name belongs to the core schema).
     *
     * @throws InvalidPathException if the schema, attribute or sub-attribute does not exist
     */
    public ResolvedPath resolve(SchemaRegistry registry, ResourceType type) {
        Schema owner;
        Optional<Attribute> found;
        if (schema == null) {
            owner = registry.coreSchema(type);
            found = registry.common().attribute(attribute);
            if (found.isPresent()) {
                owner = registry.common();
            } else {
                found = owner.attribute(attribute);
            }
        } else {
            boolean allowed = schema.equalsIgnoreCase(type.schema()) || type.extension(schema).isPresent();
            owner = allowed ? registry.schema(schema).orElse(null) : null;
            if (owner == null) {
                throw new InvalidPathException("schema '" + schema + "' is not used by resource type " + type.name());
            }
            found = owner.attribute(attribute);
        }
        Attribute definition = found.orElseThrow(() -> new InvalidPathException(
                "attribute '" + this + "' is not defined for resource type " + type.name()));
        Attribute sub = null;
        if (subAttribute != null) {
            sub = definition.subAttribute(subAttribute).orElseThrow(() -> new InvalidPathException(
                    "attribute '" + this + "' is not defined for resource type " + type.name()));
        }
        boolean extension = owner != registry.common() && !owner.id().equalsIgnoreCase(type.schema());
        return new ResolvedPath(owner, definition, sub, extension);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributePath that
                && Objects.equals(lower(schema), lower(that.schema))
                && attribute.equalsIgnoreCase(that.attribute)
                && Objects.equals(lower(subAttribute), lower(that.subAttribute));
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower(schema), lower(attribute), lower(subAttribute));
    }

    /** The path as RFC 7644 writes it; parsing it gives an equal path. */
    @Override
    public String toString() {
        return (schema == null ? "" : schema + ":") + attribute + (subAttribute == null ? "" : "." + subAttribute);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}

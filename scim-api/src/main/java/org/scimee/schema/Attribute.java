package org.scimee.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One attribute definition of a schema, with every RFC 7643 §7 characteristic.
 *
 * <p>Immutable. Names compare case-insensitively (RFC 7643 §2.1), which {@link #named(String)} and
 * {@link #subAttribute(String)} implement once for everybody.
 *
 * @param name            the attribute name as the schema spells it
 * @param type            the data type
 * @param multiValued     whether the value is an array
 * @param description     human-readable description, may be empty
 * @param required        whether a resource must carry a value
 * @param caseExact       whether string comparison is case-sensitive
 * @param mutability      whether and how a client may change the value
 * @param returned        when the value appears in responses
 * @param uniqueness      how values must be unique
 * @param canonicalValues suggested values (empty when none)
 * @param referenceTypes  for {@code reference} attributes: the referenced resource types, {@code external} or {@code uri}
 * @param subAttributes   for {@code complex} attributes: their sub-attributes (empty otherwise)
 * @param strictCanonicalValues whether values must be one of {@code canonicalValues}; RFC 7643 makes canonical values
 *                        suggestions, so this is our own characteristic ({@code "strictCanonicalValues": true} in
 *                        schema JSON), off unless a schema declares it
 */
public record Attribute(
        String name,
        AttributeType type,
        boolean multiValued,
        String description,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        Returned returned,
        Uniqueness uniqueness,
        List<String> canonicalValues,
        List<String> referenceTypes,
        List<Attribute> subAttributes,
        boolean strictCanonicalValues) {

    public Attribute {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an attribute needs a name");
        }
        canonicalValues = List.copyOf(canonicalValues);
        referenceTypes = List.copyOf(referenceTypes);
        subAttributes = List.copyOf(subAttributes);
        if (type == AttributeType.COMPLEX && subAttributes.isEmpty()) {
            throw new IllegalArgumentException("complex attribute '" + name + "' has no subAttributes");
        }
        if (strictCanonicalValues && canonicalValues.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + name + "' is strictCanonicalValues but lists no canonicalValues");
        }
        if (type != AttributeType.COMPLEX && !subAttributes.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + name + "' of type " + type + " cannot have subAttributes");
        }
    }

    /** Whether this attribute is called {@code candidate}, ignoring case. */
    public boolean named(String candidate) {
        return name.equalsIgnoreCase(candidate);
    }

    /** The sub-attribute called {@code subName}, ignoring case. */
    public Optional<Attribute> subAttribute(String subName) {
        return find(subAttributes, subName);
    }

    /** Finds an attribute in {@code attributes} by name, ignoring case. */
    static Optional<Attribute> find(List<Attribute> attributes, String name) {
        for (Attribute attribute : attributes) {
            if (attribute.named(name)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    /** A lower-case key suitable for case-insensitive maps of attribute names. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

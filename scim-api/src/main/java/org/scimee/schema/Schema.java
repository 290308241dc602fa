package org.scimee.schema;

import java.util.List;
import java.util.Optional;

/**
 * A schema (RFC 7643 §7): a URN and the attributes it defines.
 *
 * @param id          the schema URN
 * @param name        a human-readable name
 * @param description a human-readable description, may be empty
 * @param attributes  the top-level attributes
 */
public record Schema(String id, String name, String description, List<Attribute> attributes) {

    public Schema {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a schema needs an id");
        }
        attributes = List.copyOf(attributes);
    }

    /** The top-level attribute called {@code name}, ignoring case. */
    public Optional<Attribute> attribute(String name) {
        return Attribute.find(attributes, name);
    }
}

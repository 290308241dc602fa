package org.scimee.path;

import java.util.Optional;
import org.scimee.schema.Attribute;
import org.scimee.schema.Schema;

/**
 * An {@link AttributePath} bound to the definitions it names.
 *
 * @param schema       the schema that defines the attribute (the common-attributes schema for id, externalId, meta)
 * @param attribute    the top-level attribute
 * @param subAttribute the sub-attribute, or {@code null}
 */
public record ResolvedPath(Schema schema, Attribute attribute, Attribute subAttribute) {

    /** The definition of the value the path finally points at: the sub-attribute if there is one. */
    public Attribute target() {
        return subAttribute != null ? subAttribute : attribute;
    }

    /** The sub-attribute, if the path has one. */
    public Optional<Attribute> sub() {
        return Optional.ofNullable(subAttribute);
    }
}

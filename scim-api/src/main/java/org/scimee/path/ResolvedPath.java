package org.scimee.path;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.scimee.schema.Attribute;
import org.scimee.schema.Schema;

/**
 * An {@link AttributePath} bound to the definitions it names.
 *
 * @param schema       the schema that defines the attribute (the common-attributes schema for id, externalId, meta)
 * @param attribute    the top-level attribute
 * @param subAttribute the sub-attribute, or {@code null}
 * @param extension    whether {@code schema} is an extension, whose attributes a resource keeps in an object
 *                     under the extension URN rather than at the top level
 */
public record ResolvedPath(Schema schema, Attribute attribute, Attribute subAttribute, boolean extension) {

    /**
     * The value of the top-level attribute in {@code resource} (a resource's JSON in canonical form), or
     * {@code null} when it is unassigned.
     */
    public JsonValue topLevelValue(JsonObject resource) {
        JsonObject container = resource;
        if (extension) {
            JsonValue object = resource.get(schema.id());
            if (!(object instanceof JsonObject extensionObject)) {
                return null;
            }
            container = extensionObject;
        }
        return container.get(attribute.name());
    }

    /** The definition of the value the path finally points at: the sub-attribute if there is one. */
    public Attribute target() {
        return subAttribute != null ? subAttribute : attribute;
    }

    /** The sub-attribute, if the path has one. */
    public Optional<Attribute> sub() {
        return Optional.ofNullable(subAttribute);
    }
}

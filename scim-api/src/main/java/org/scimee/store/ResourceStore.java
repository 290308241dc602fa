package org.scimee.store;

import jakarta.json.JsonObject;
import java.util.Optional;
import org.scimee.schema.ResourceType;

/**
 * Keeps resources of any resource type. The SPI a host application implements, or picks (e.g. the JPA store).
 *
 * <p>Callers hand over attributes that were already validated against the schema; a store persists them
 * as given and returns them unchanged. Every method is one unit of work: it either completes or leaves
 * nothing behind. Failures the client caused are thrown as {@link org.scimee.error.ScimException}s
 * (e.g. {@link org.scimee.error.UniquenessException}); anything else is a server fault.
 */
public interface ResourceStore {

    /**
     * Stores a new resource, assigning a fresh id, {@code created = lastModified = now} and a first version.
     *
     * @param type       the resource type
     * @param attributes validated attributes, without {@code id} and {@code meta}
     * @return the stored resource
     * @throws org.scimee.error.UniquenessException if a {@code uniqueness: server} value is taken
     */
    StoredResource create(ResourceType type, JsonObject attributes);

    /**
     * Finds a resource by id.
     *
     * @return the resource, or empty if no resource of that type has that id
     */
    Optional<StoredResource> find(ResourceType type, String id);
}

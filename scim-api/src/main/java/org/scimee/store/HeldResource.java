package org.scimee.store;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimee.event.ResourceEvent;
import org.scimee.projection.Projection;

/**
 * One resource held against other writers while a read-modify-write runs ({@link ResourceStore#modify}): what the
 * work reads here is what its write changes, so it needs no expected version. Valid only inside that work.
 */
public interface HeldResource {

    /** The resource whole, as {@link ResourceStore#find(String, org.scimee.schema.ResourceType, String)} reads it. */
    default StoredResource read() {
        return read(null);
    }

    /**
     * The resource as {@link ResourceStore#find(String, org.scimee.schema.ResourceType, String, Projection)} reads
     * it for {@code projection}: attributes it never includes may be left out; {@code null} reads it whole.
     */
    StoredResource read(Projection projection);

    /**
     * A partial view, as {@link ResourceStore#findPartial} reads it: only the named elements of the named
     * attributes, so the work may derive deltas of those attributes from it and nothing else.
     */
    StoredResource readPartial(Map<String, Set<String>> elementsByValue);

    /**
     * Applies the change set, as {@link ResourceStore#update(String, org.scimee.schema.ResourceType, String,
     * ChangeSet, java.util.OptionalLong, Projection)} does; {@code projection} {@code null} returns the resource whole.
     */
    StoredResource update(ChangeSet changes, Projection projection);

    /** Replaces the client attributes, as {@link ResourceStore#replace} does. */
    StoredResource replace(JsonObject attributes);

    /**
     * Deletes the resource, as {@link ResourceStore#delete} does, and tells what else that changed: when the store
     * removes the references to the deleted resource (a user from the groups it was a member of), one
     * {@link ResourceEvent.Kind#PATCHED PATCHED} event per resource changed, whose change set removes those
     * elements ({@code before}/{@code after} may lack element attributes a store keeps apart). The caller fires them.
     */
    List<ResourceEvent> delete();
}

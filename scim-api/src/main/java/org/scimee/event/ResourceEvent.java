package org.scimee.event;

import java.util.Objects;
import java.util.Optional;
import org.scimee.store.ChangeSet;
import org.scimee.store.StoredResource;

/**
 * A resource changed, and the change is durable: the store has committed it.
 *
 * <p>Fired as a CDI event, both synchronously ({@code @Observes}) and asynchronously ({@code @ObservesAsync}), after
 * every successful create, replace, patch and delete. A synchronous observer that throws does not undo the change:
 * the response reports the change, since it happened. Resources in events are as stored, without derived attributes
 * such as a user's {@code groups}, which only responses compute.
 *
 * <p>For {@link Kind#PATCHED}, {@code before} and {@code after} are what the operation read: {@code before} may be
 * a {@linkplain org.scimee.store.ResourceStore#findPartial partial view} (a group with only the members the PATCH
 * named), and {@code after} may lack attributes the response does not carry (a group's members when the PATCH is
 * answered with 204). {@code changes} is always exact; observers that need the whole resource read it. A deletion
 * that removes references to the deleted resource (a user from its groups) is followed by a PATCHED event for each
 * resource so changed ({@link org.scimee.store.HeldResource#delete}).
 *
 * @param kind    what happened
 * @param tenant  the tenant the resource belongs to
 * @param type    the resource type id
 * @param id      the resource id
 * @param before  the resource before the change; empty on create
 * @param after   the resource after the change; empty on delete
 * @param changes what changed in the attributes, as deltas (for a PATCH, exactly the change set the store applied)
 */
public record ResourceEvent(Kind kind, String tenant, String type, String id, Optional<StoredResource> before,
                            Optional<StoredResource> after, ChangeSet changes) {

    /** What happened to the resource. */
    public enum Kind { CREATED, REPLACED, PATCHED, DELETED }

    public ResourceEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(changes, "changes");
    }
}

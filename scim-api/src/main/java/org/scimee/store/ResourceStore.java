package org.scimee.store;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.scimee.error.PreconditionFailedException;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;

/**
 * Keeps resources of any resource type, for any number of tenants. The SPI a host application implements, or
 * picks (e.g. the JPA store).
 *
 * <p>Promises every implementation keeps:
 * <ul>
 *   <li>Callers hand over attributes already validated against the schema, in canonical form; a store keeps them
 *       as given and returns them unchanged.</li>
 *   <li>Tenants are isolated: a call for one tenant never sees, changes or collides with another tenant's data;
 *       ids and uniqueness are per tenant.</li>
 *   <li>Every method is one unit of work: it completes, or it leaves nothing behind.</li>
 *   <li>Every change increases the resource's version; {@code expectedVersion}, when present, is checked in the
 *       same unit of work as the change, so two writers cannot both succeed against the same version.</li>
 *   <li>Failures the client caused are thrown as {@link org.scimee.error.ScimException}s (404
 *       {@link org.scimee.error.ResourceNotFoundException}, 409 {@link org.scimee.error.UniquenessException},
 *       412 {@link org.scimee.error.PreconditionFailedException}); anything else is a server fault.</li>
 * </ul>
 */
public interface ResourceStore {

    /**
     * Stores a new resource, assigning a fresh id, {@code created = lastModified = now} and a first version.
     *
     * @throws org.scimee.error.UniquenessException if a {@code uniqueness: server} value is taken
     */
    StoredResource create(String tenant, ResourceType type, JsonObject attributes);

    /** The resource with that id, or empty if the tenant has no resource of that type with that id. */
    Optional<StoredResource> find(String tenant, ResourceType type, String id);

    /**
     * The resource with that id, or empty; a store may leave out attributes {@code projection} cannot return (it
     * never {@link Projection#includes includes} them), e.g. a group's {@code members} under
     * {@code excludedAttributes=members}, to skip reading them. Callers still apply the projection. The default
     * implementation returns {@link #find(String, ResourceType, String)}, the whole resource.
     */
    default Optional<StoredResource> find(String tenant, ResourceType type, String id, Projection projection) {
        return find(tenant, type, id);
    }

    /**
     * A <em>partial view</em> of the resource with that id, or empty: what a PATCH needs when its operations only
     * touch some elements of large multi-valued attributes, each by its {@code value} (e.g. adding or removing one
     * member of a group of 100,000).
     *
     * <p>Every attribute not named in {@code elementsByValue} is returned whole, exactly as
     * {@link #find(String, ResourceType, String)} returns it (including {@code returned: never} ones). Each attribute
     * named in it (a multi-valued complex attribute of the core schema, by its canonical name) holds <b>only</b>
     * elements whose {@code value} sub-attribute is a string equal to one of the names in its set, in their stored
     * order, and is absent when none is: at least every element whose {@code value} equals a name as a filter
     * compares it (ignoring case unless {@code value} is {@code caseExact}), at most those equal ignoring case
     * ({@link java.util.Locale#ROOT}). So the returned attributes
     * are not the resource: writing them back (e.g. with {@link #replace}) would drop the other elements. Callers
     * may only compute deltas ({@link Change.AddValues}, {@link Change.RemoveValues}) of those attributes from it.
     * {@code meta} (and so the version) is the resource's.
     *
     * <p>The default implementation reads the whole resource and filters those arrays in memory
     * ({@link PartialElements#keep}), so every store is correct; stores that keep elements apart override it to read
     * only the named ones.
     *
     * @param elementsByValue canonical attribute name to the {@code value}s of the elements to return; an empty map
     *                        asks for the whole resource
     */
    default Optional<StoredResource> findPartial(String tenant, ResourceType type, String id,
                                                 Map<String, Set<String>> elementsByValue) {
        return find(tenant, type, id).map(resource -> PartialElements.keep(resource, elementsByValue));
    }

    /**
     * Replaces all client attributes of a resource (RFC 7644 §3.5.1), keeping its id and {@code created} time.
     *
     * @param expectedVersion the version the client last saw ({@code If-Match}); empty to replace whatever is there
     * @throws org.scimee.error.ResourceNotFoundException   if there is no such resource
     * @throws org.scimee.error.PreconditionFailedException if the resource's version is not {@code expectedVersion}
     * @throws org.scimee.error.UniquenessException         if a {@code uniqueness: server} value is taken
     */
    StoredResource replace(String tenant, ResourceType type, String id, JsonObject attributes, OptionalLong expectedVersion);

    /**
     * Applies a modification (RFC 7644 §3.5.2 PATCH) to a resource, given as the {@link ChangeSet} the PATCH engine
     * computed against the attributes the caller read, so a store that can apply deltas never rewrites what did
     * not change (adding one member to a group of 100,000 touches one row).
     *
     * <p>The default implementation reads the resource and {@link #replace replaces} its attributes with
     * {@code changes.applyTo(...)} of what it read, passing the version it read as the expected version when
     * {@code expectedVersion} is empty: if another writer changes the resource in between, this fails with 412
     * rather than losing that writer's update (callers may then re-read and re-apply the PATCH). Stores that can
     * apply deltas override it, applying the changes and the version check in one unit of work. An empty change
     * set still counts as a write (the version is checked and increased) unless an override documents otherwise.
     *
     * @param expectedVersion the version the changes were computed against ({@code If-Match}, or the version the
     *                        caller read); empty to apply them to whatever is there
     * @throws org.scimee.error.ResourceNotFoundException   if there is no such resource
     * @throws org.scimee.error.PreconditionFailedException if the resource's version is not the expected one
     * @throws org.scimee.error.UniquenessException         if a {@code uniqueness: server} value is taken
     */
    default StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                  OptionalLong expectedVersion) {
        StoredResource current = find(tenant, type, id).orElseThrow(
                () -> new ResourceNotFoundException(type.name() + " " + id + " not found"));
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.meta().version()) {
            throw new PreconditionFailedException(type.name() + " " + id + " is at version " + current.meta().etag());
        }
        return replace(tenant, type, id, changes.applyTo(current.attributes()),
                OptionalLong.of(current.meta().version()));
    }

    /**
     * {@link #update(String, ResourceType, String, ChangeSet, OptionalLong)} for a caller that will use only what
     * {@code projection} returns (e.g. a PATCH answered with 204, or with {@code excludedAttributes=members}): the
     * resource returned may leave out attributes {@code projection} never {@link Projection#includes includes}, as
     * {@link #find(String, ResourceType, String, Projection)} may, so a store need not read them back. The change
     * itself is the same. The default implementation returns the whole resource.
     */
    default StoredResource update(String tenant, ResourceType type, String id, ChangeSet changes,
                                  OptionalLong expectedVersion, Projection projection) {
        return update(tenant, type, id, changes, expectedVersion);
    }

    /**
     * Deletes a resource (RFC 7644 §3.6).
     *
     * @throws org.scimee.error.ResourceNotFoundException   if there is no such resource
     * @throws org.scimee.error.PreconditionFailedException if the resource's version is not {@code expectedVersion}
     */
    void delete(String tenant, ResourceType type, String id, OptionalLong expectedVersion);

    /**
     * Runs a read-modify-write on one resource as one step: {@code work} reads the resource through the
     * {@link HeldResource} and writes through it, and no other writer changes the resource in between. A second
     * writer is not refused for coming second: it waits, or its work runs again on a fresh read. The work decides
     * what a client's {@code If-Match} means by comparing it with the version it reads; it may throw
     * {@link org.scimee.error.ScimException}s, which leave nothing written.
     *
     * <p>The default implementation holds nothing: the work reads through this store's methods and writes with the
     * version it read as expected version; when another writer came first, the work runs again, and only a resource
     * overtaken on every one of several attempts ends in 412. Stores that can lock override it, e.g. with a row lock
     * taken before the first read and one transaction around the work. The work must therefore be safe to run more
     * than once and do nothing outside the store before it returns (fire events afterwards).
     *
     * @throws org.scimee.error.ResourceNotFoundException if there is no such resource (when the work reads it)
     */
    default <T> T modify(String tenant, ResourceType type, String id, Function<HeldResource, T> work) {
        return OptimisticHold.run(this, tenant, type, id, work);
    }

    /**
     * The resources of a type that match a query, one page of them (RFC 7644 §3.4.2).
     *
     * @throws org.scimee.error.InvalidFilterException if the store cannot answer the filter
     * @throws org.scimee.error.ScimException          with scimType {@code invalidCursor} or {@code expiredCursor}
     *                                                 (RFC 9865) for a cursor it did not issue or no longer honours
     */
    QueryResult query(String tenant, ResourceType type, ResourceQuery query);
}

package org.scimee.jaxrs.operation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.event.ResourceEvent;
import org.scimee.jaxrs.config.ResourceStores;
import org.scimee.jaxrs.derived.DerivedAttributeQueries;
import org.scimee.patch.CompatibilityProfile;
import org.scimee.patch.PatchEngine;
import org.scimee.patch.PatchRequest;
import org.scimee.patch.PatchResult;
import org.scimee.patch.PatchScope;
import org.scimee.projection.Projection;
import org.scimee.resource.ResourceValidator;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.security.Authorizer;
import org.scimee.security.Caller;
import org.scimee.store.ChangeSet;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.ResourceStore;
import org.scimee.store.StoredResource;

/**
 * What each SCIM operation does, whatever carried the request (an endpoint, {@code /Me}, {@code /Bulk}): validate
 * against the schema, call the type's store for the caller's tenant, fire the event once the change is committed.
 */
@ApplicationScoped
public class ResourceOperations {

    private ResourceStores stores;
    private ResourceValidator validator;
    private ResourceEvents events;
    private PatchEngine engine;
    private SchemaRegistry registry;
    private Instance<Authorizer> authorizers;
    private DerivedAttributeQueries derivedQueries;

    /** For CDI proxies. */
    public ResourceOperations() {
    }

    @Inject
    public ResourceOperations(SchemaRegistry registry, ResourceStores stores, ResourceEvents events,
                              Instance<Authorizer> authorizers) {
        this.authorizers = authorizers;
        this.registry = registry;
        this.stores = stores;
        this.events = events;
        this.validator = new ResourceValidator(registry);
        this.engine = new PatchEngine(registry);
        this.derivedQueries = new DerivedAttributeQueries(registry);
    }

    /** RFC 7644 §3.3. */
    public StoredResource create(Caller caller, ResourceType type, JsonObject body) {
        authorize(caller, Authorizer.Action.CREATE, type, null);
        StoredResource created = stores.of(type).create(caller.tenant(), type,
                validator.forCreate(type, body, coercion(caller)));
        events.fire(new ResourceEvent(ResourceEvent.Kind.CREATED, caller.tenant(), type.id(), created.id(),
                Optional.empty(), Optional.of(created), ChangeSet.between(JsonValue.EMPTY_JSON_OBJECT, created.attributes())));
        return created;
    }

    /** RFC 7644 §3.4.1. */
    public StoredResource get(Caller caller, ResourceType type, String id) {
        authorize(caller, Authorizer.Action.READ, type, id);
        return read(caller, type, id);
    }

    /**
     * RFC 7644 §3.4.1 for a response that will carry only what {@code projection} returns: the store may skip the
     * rest (e.g. a group's members under {@code excludedAttributes=members}).
     */
    public StoredResource get(Caller caller, ResourceType type, String id, Projection projection) {
        authorize(caller, Authorizer.Action.READ, type, id);
        return stores.of(type).find(caller.tenant(), type, id, projection)
                .orElseThrow(() -> new ResourceNotFoundException(type.name() + " " + id + " not found"));
    }

    /**
     * The resource with only the elements {@code elementsByValue} names, as {@link ResourceStore#findPartial} reads
     * it (e.g. which of a page's users a group lists, without reading its other members).
     */
    public StoredResource getPartial(Caller caller, ResourceType type, String id, Map<String, Set<String>> elementsByValue) {
        authorize(caller, Authorizer.Action.READ, type, id);
        return stores.of(type).findPartial(caller.tenant(), type, id, elementsByValue)
                .orElseThrow(() -> new ResourceNotFoundException(type.name() + " " + id + " not found"));
    }

    private StoredResource read(Caller caller, ResourceType type, String id) {
        return stores.of(type).find(caller.tenant(), type, id)
                .orElseThrow(() -> new ResourceNotFoundException(type.name() + " " + id + " not found"));
    }

    /**
     * RFC 7644 §3.4.2. A filter or {@code sortBy} naming a derived attribute (a user's {@code groups}) is refused
     * here: no store holds it ({@link DerivedAttributeQueries}).
     */
    public QueryResult query(Caller caller, ResourceType type, ResourceQuery query) {
        authorize(caller, Authorizer.Action.QUERY, type, null);
        derivedQueries.check(type, query);
        return stores.of(type).query(caller.tenant(), type, query);
    }

    /** RFC 7644 §3.5.1; {@code ifMatch} is the raw header, or {@code null}. */
    public StoredResource replace(Caller caller, ResourceType type, String id, JsonObject body, String ifMatch) {
        authorize(caller, Authorizer.Action.REPLACE, type, id);
        StoredResource[] before = new StoredResource[1];
        StoredResource replaced = stores.of(type).modify(caller.tenant(), type, id, held -> {
            StoredResource current = held.read();
            Preconditions.requireMatch(ifMatch, current.meta().version());
            before[0] = current;
            return held.replace(validator.forReplace(type, body, current.attributes(), coercion(caller)));
        });
        events.fire(new ResourceEvent(ResourceEvent.Kind.REPLACED, caller.tenant(), type.id(), id,
                Optional.of(before[0]), Optional.of(replaced), ChangeSet.between(before[0].attributes(), replaced.attributes())));
        return replaced;
    }

    /**
     * RFC 7644 §3.5.2, with the caller's compatibility profile, answered with the whole resource; see
     * {@link #patch(Caller, ResourceType, String, JsonObject, String, Projection)}.
     */
    public StoredResource patch(Caller caller, ResourceType type, String id, JsonObject body, String ifMatch) {
        return patch(caller, type, id, body, ifMatch, null);
    }

    /**
     * RFC 7644 §3.5.2, with the caller's compatibility profile. The store receives only the change set, so it can
     * apply deltas (one member added to a huge group is one row). A PATCH that changes nothing writes nothing and
     * keeps the version.
     *
     * <p>The resource is read only as far as the operations need it ({@link PatchScope}): when they touch elements
     * of a large multi-valued attribute only by their {@code value} (add or remove members), the store returns a
     * partial view holding just those elements, the engine runs on it, and its result becomes a delta. If the result
     * is not a delta after all (an element edited in place), the whole resource is read and the engine runs again.
     * The {@code before} of the event is what was read (so possibly that partial view), its change set is exact.
     * Reads and write are one step ({@link org.scimee.store.ResourceStore#modify}): a concurrent writer to the same
     * resource waits or starts over, it is not refused.
     *
     * @param response what the response will carry, so the store need not read back the rest (e.g. a group's
     *                 members when answering 204); {@code null} for the whole resource
     */
    public StoredResource patch(Caller caller, ResourceType type, String id, JsonObject body, String ifMatch,
                                Projection response) {
        authorize(caller, Authorizer.Action.PATCH, type, id);
        CompatibilityProfile profile = CompatibilityProfile.named(caller.profile());
        PatchRequest request = PatchRequest.parse(body, profile);
        PatchScope scope = PatchScope.of(registry, type, request);
        StoredResource[] before = new StoredResource[1];
        ChangeSet[] applied = new ChangeSet[1];
        StoredResource patched = stores.of(type).modify(caller.tenant(), type, id, held -> {
            StoredResource current = scope.isPartial() ? held.readPartial(scope.elementsByValue()) : held.read();
            Preconditions.requireMatch(ifMatch, current.meta().version());
            StoredResource read = current;
            PatchResult result = engine.apply(type, read.attributes(), request, profile);
            ChangeSet changes = result.changes();
            if (scope.isPartial()) {
                Optional<ChangeSet> delta = scope.changes(read.attributes(), result);
                if (delta.isPresent()) {
                    changes = delta.get();
                } else {
                    read = held.read();
                    changes = engine.apply(type, read.attributes(), request, profile).changes();
                }
            }
            before[0] = read;
            applied[0] = changes;
            if (changes.isEmpty()) {
                return read == current && scope.isPartial() ? held.read(response) : read;
            }
            return held.update(changes, response);
        });
        if (!applied[0].isEmpty()) {
            events.fire(new ResourceEvent(ResourceEvent.Kind.PATCHED, caller.tenant(), type.id(), id,
                    Optional.of(before[0]), Optional.of(patched), applied[0]));
        }
        return patched;
    }

    /**
     * RFC 7644 §3.6; returns the resource as it was. Besides its DELETED event, every resource the store changed by
     * removing references to it (the groups a deleted user was a member of) gets its PATCHED event.
     */
    public StoredResource delete(Caller caller, ResourceType type, String id, String ifMatch) {
        authorize(caller, Authorizer.Action.DELETE, type, id);
        List<ResourceEvent> dereferenced = new ArrayList<>();
        StoredResource deleted = stores.of(type).modify(caller.tenant(), type, id, held -> {
            StoredResource current = held.read();
            Preconditions.requireMatch(ifMatch, current.meta().version());
            dereferenced.clear();
            dereferenced.addAll(held.delete());
            return current;
        });
        events.fire(new ResourceEvent(ResourceEvent.Kind.DELETED, caller.tenant(), type.id(), id,
                Optional.of(deleted), Optional.empty(), ChangeSet.between(deleted.attributes(), JsonValue.EMPTY_JSON_OBJECT)));
        dereferenced.forEach(events::fire);
        return deleted;
    }

    private void authorize(Caller caller, Authorizer.Action action, ResourceType type, String id) {
        if (authorizers.isResolvable()) {
            authorizers.get().authorize(caller, action, type.id(), id);
        }
    }

    /** The caller's profile decides whether {@code "True"} may stand for {@code true} on create and replace too. */
    private static ResourceValidator.Coercion coercion(Caller caller) {
        return CompatibilityProfile.named(caller.profile()).stringScalars()
                ? ResourceValidator.Coercion.STRING_SCALARS : ResourceValidator.Coercion.NONE;
    }
}

package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimee.jaxrs.derived.DerivedAttributes;
import org.scimee.jaxrs.operation.ResourceOperations;
import org.scimee.jaxrs.security.CallerContext;
import org.scimee.projection.Projection;
import org.scimee.schema.ResourceType;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;
import org.scimee.store.StoredResource;

/**
 * The JSON a response carries for a resource, whichever endpoint answers (read, list and search, root search,
 * create, replace, patch, {@code /Me}): the stored resource with {@code meta.location} under the request's base URI,
 * its derived attributes (a user's {@code groups}, {@link DerivedAttributes}) computed for the caller, then the
 * projection.
 */
@RequestScoped
public class Representations {

    private DerivedAttributes derived;
    private ResourceOperations operations;
    private CallerContext callers;

    /** For CDI proxies. */
    public Representations() {
    }

    @Inject
    public Representations(DerivedAttributes derived, ResourceOperations operations, CallerContext callers) {
        this.derived = derived;
        this.operations = operations;
        this.callers = callers;
    }

    /** What a response carries for {@code resource} of {@code type} under {@code projection}. */
    public JsonObject of(UriInfo uri, ResourceType type, StoredResource resource, Projection projection) {
        return of(uri, type, List.of(resource), projection).get(0);
    }

    /**
     * What a response carries for each of a page of {@code resources}, in order; their derived attributes are
     * computed for the whole page at once.
     */
    public List<JsonObject> of(UriInfo uri, ResourceType type, List<StoredResource> resources, Projection projection) {
        List<JsonObject> full = resources.stream()
                .map(r -> r.toJson(type, ScimResponses.location(uri, type.endpointSegment(), r.id()))).toList();
        List<String> ids = resources.stream().map(StoredResource::id).toList();
        return derived.addTo(full, type, ids, projection, new DerivedAttributes.Lookup() {
            @Override
            public QueryResult query(ResourceType referring, ResourceQuery query) {
                return operations.query(callers.caller(), referring, query);
            }

            @Override
            public StoredResource partial(ResourceType referring, String id, Map<String, Set<String>> elementsByValue) {
                return operations.getPartial(callers.caller(), referring, id, elementsByValue);
            }

            @Override
            public String location(ResourceType referring, String id) {
                // the same form as meta.location: absolute, under the base URI the request came to
                return ScimResponses.location(uri, referring.endpointSegment(), id);
            }
        }).stream().map(projection::apply).toList();
    }
}

package org.scimee.jaxrs.endpoint;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.scimee.error.InvalidFilterException;
import org.scimee.error.InvalidValueException;
import org.scimee.filter.Filter;
import org.scimee.filter.FilterScope;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.jaxrs.operation.ResourceOperations;
import org.scimee.jaxrs.security.CallerContext;
import org.scimee.schema.ResourceType;
import org.scimee.schema.SchemaRegistry;
import org.scimee.store.Page;
import org.scimee.store.QueryResult;
import org.scimee.store.ResourceQuery;

/**
 * RFC 7644 §3.4.3: {@code POST /.search} across every resource type, answered as one list of mixed types.
 *
 * <p>Resource types come in registration order, each type's matches in its store's order. A comparison on an
 * attribute one type lacks matches nothing of that type ({@link FilterScope}); the filter is {@code invalidFilter}
 * only when it can match no type at all. {@code sortBy} and cursor paging need a single resource type and are refused here with
 * {@code invalidValue}; use {@code /{endpoint}/.search} for them.
 */
@Path(".search")
@RequestScoped
public class RootSearchEndpoint {

    private SchemaRegistry registry;
    private ResourceOperations operations;
    private ScimSettings settings;
    private CallerContext callers;
    private Representations representations;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public RootSearchEndpoint() {
    }

    @Inject
    public RootSearchEndpoint(SchemaRegistry registry, ResourceOperations operations, ScimSettings settings,
                              CallerContext callers, Representations representations) {
        this.callers = callers;
        this.representations = representations;
        this.registry = registry;
        this.operations = operations;
        this.settings = settings;
    }

    @POST
    @Consumes({ScimMediaType.APPLICATION_SCIM_JSON, MediaType.APPLICATION_JSON})
    public Response search(@Context UriInfo uri, InputStream body) {
        SearchParameters parameters = SearchParameters.fromBody(RequestBodies.object(body, settings.maxRequestBytes()));
        if (parameters.sortBy() != null || parameters.cursor() != null) {
            throw new InvalidValueException("sortBy and cursor paging need a single resource type: use /{endpoint}/.search");
        }
        Page.Index page = (Page.Index) parameters.page(settings);

        List<ResourceType> types = new ArrayList<>();
        List<ResourceQuery> queries = new ArrayList<>();
        for (ResourceType type : registry.resourceTypes()) {
            ResourceQuery query = parameters.toQuery(registry, type, settings);
            FilterScope.Scoped scoped = query.filter() == null
                    ? new FilterScope.All() : FilterScope.restrict(query.filter(), registry, type);
            if (scoped instanceof FilterScope.None) {
                continue;
            }
            Filter filter = scoped instanceof FilterScope.Narrowed narrowed ? narrowed.filter() : null;
            types.add(type);
            queries.add(new ResourceQuery(filter, query.sort(), query.page(), query.projection()));
        }
        if (types.isEmpty() && parameters.filter() != null) {
            throw new InvalidFilterException("the filter names attributes no resource type defines");
        }

        long total = 0;
        int skip = page.startIndex() - 1;
        int wanted = page.count();
        List<JsonObject> resources = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            ResourceType type = types.get(i);
            // One query per type: its page (possibly empty) also carries the type's total.
            ResourceQuery slice = withPage(queries.get(i), new Page.Index(skip + 1, wanted));
            QueryResult result = operations.query(callers.caller(), type, slice);
            total += result.totalResults();
            resources.addAll(representations.of(uri, type, result.resources(), slice.projection()));
            wanted -= result.resources().size();
            skip -= (int) Math.min(skip, result.totalResults());
        }
        return ScimResponses.ok(ScimResponses.page(QueryResult.of(total, List.of()), page, resources));
    }

    private static ResourceQuery withPage(ResourceQuery query, Page page) {
        return new ResourceQuery(query.filter(), query.sort(), page, query.projection());
    }
}

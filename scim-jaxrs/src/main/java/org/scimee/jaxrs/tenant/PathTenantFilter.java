package org.scimee.jaxrs.tenant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Optional;
import org.scimee.error.ResourceNotFoundException;
import org.scimee.jaxrs.config.ScimSettings;

/**
 * With {@value ScimSettings#TENANT_FROM_PATH} on, the first path segment names the tenant:
 * {@code /scim/v2/acme/Users/1} is {@code /Users/1} of tenant {@code acme}, and that segment becomes part of the
 * base URL, so every URL handed out ({@code Location}, {@code meta.location}) keeps it. Each identity provider is
 * then given its own tenant URL. Authentication decides whether the caller may use that tenant.
 */
@Provider
@PreMatching
@Priority(200)
@ApplicationScoped
public class PathTenantFilter implements ContainerRequestFilter {

    /** The request property holding the tenant taken from the path. */
    public static final String PROPERTY = "org.scimee.path-tenant";

    private ScimSettings settings;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public PathTenantFilter() {
    }

    @Inject
    public PathTenantFilter(ScimSettings settings) {
        this.settings = settings;
    }

    /** The tenant a request's path named, if tenants come from paths. */
    public static Optional<String> of(ContainerRequestContext request) {
        return Optional.ofNullable((String) request.getProperty(PROPERTY));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!settings.tenantFromPath()) {
            return;
        }
        String path = request.getUriInfo().getPath(false);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        int slash = relative.indexOf('/');
        String tenant = slash < 0 ? relative : relative.substring(0, slash);
        if (!tenant.matches("[A-Za-z0-9._~-]{1,64}")) {
            // Thrown before authentication on purpose: it reveals nothing but the URL shape.
            throw new ResourceNotFoundException("the URL must start with a tenant: /{tenant}/Users");
        }
        URI base = request.getUriInfo().getBaseUri();
        URI tenantBase = UriBuilder.fromUri(base).path(tenant).path("/").build();
        request.setRequestUri(tenantBase, request.getUriInfo().getRequestUri());
        request.setProperty(PROPERTY, tenant);
    }
}

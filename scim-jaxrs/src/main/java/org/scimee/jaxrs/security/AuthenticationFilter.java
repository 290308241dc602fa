package org.scimee.jaxrs.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.scimee.error.ForbiddenException;
import org.scimee.error.ScimException;
import org.scimee.error.UnauthorizedException;
import org.scimee.jaxrs.ScimMediaType;
import org.scimee.jaxrs.config.ScimSettings;
import org.scimee.jaxrs.tenant.PathTenantFilter;
import org.scimee.patch.CompatibilityProfile;
import org.scimee.security.Caller;
import org.scimee.security.TenantResolver;

/**
 * Authenticates every request before anything else happens (RFC 7644 §2), in one of two modes
 * ({@value ScimSettings#AUTH_MODE}):
 * <ul>
 *   <li>{@code token} (default): {@code Authorization: Bearer <token>} must match a configured token
 *       ({@link BearerTokens}), which also gives the tenant and profile;</li>
 *   <li>{@code container}: the application's own Jakarta Security / MicroProfile JWT has authenticated the caller,
 *       who must hold the role {@value ScimSettings#AUTH_ROLE} names.</li>
 * </ul>
 * Runs before resource matching, so an unauthenticated caller learns nothing about which paths exist. With nothing
 * configured, every request is refused. Tokens are never logged or echoed.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthenticationFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private ScimSettings settings;
    private BearerTokens tokens;
    private CallerContext context;
    private Instance<TenantResolver> tenants;

    /** For CDI proxies and JAX-RS runtimes that insist on a public no-argument constructor. */
    public AuthenticationFilter() {
    }

    @Inject
    public AuthenticationFilter(ScimSettings settings, BearerTokens tokens, CallerContext context,
                                Instance<TenantResolver> tenants) {
        this.tenants = tenants;
        this.settings = settings;
        this.tokens = tokens;
        this.context = context;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (settings.publicDiscovery() && isDiscovery(request)) {
            return;
        }
        try {
            Caller caller = settings.containerAuthentication() ? container(request.getSecurityContext()) : bearer(request);
            context.set(withProfile(withTenant(withPathTenant(caller, request))));
        } catch (UnauthorizedException e) {
            request.abortWith(error(e).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"").build());
        } catch (ForbiddenException e) {
            request.abortWith(error(e).build());
        }
    }

    private static boolean isDiscovery(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String path = request.getUriInfo().getPath(false);
        String first = (path.startsWith("/") ? path.substring(1) : path).split("/", 2)[0];
        return first.equals("ServiceProviderConfig") || first.equals("ResourceTypes") || first.equals("Schemas");
    }

    /**
     * With tenants in the path, the path names the tenant, and a credential bound to a tenant may only use that one;
     * {@code *} binds a credential to every tenant. Container-authenticated callers take the path's tenant (an
     * application's {@link TenantResolver} and {@link org.scimee.security.Authorizer} may still refuse).
     */
    private Caller withPathTenant(Caller caller, ContainerRequestContext request) {
        Optional<String> pathTenant = PathTenantFilter.of(request);
        if (pathTenant.isEmpty()) {
            return caller;
        }
        if (!settings.containerAuthentication() && !caller.tenant().equals("*") && !caller.tenant().equals(pathTenant.get())) {
            throw new ForbiddenException("this credential is not for tenant " + pathTenant.get());
        }
        return new Caller(caller.name(), pathTenant.get(), caller.profile());
    }

    /** An application's {@link TenantResolver} has the last word on the tenant. */
    private Caller withTenant(Caller caller) {
        if (!tenants.isResolvable()) {
            return caller;
        }
        String tenant = tenants.get().tenant(caller);
        if (tenant == null || tenant.isBlank()) {
            throw new ForbiddenException("no tenant for this caller");
        }
        return new Caller(caller.name(), tenant, caller.profile());
    }

    /** The credential's profile, else the tenant's ({@code scimee.tenant.<tenant>.profile}), else the global one. */
    private Caller withProfile(Caller caller) {
        String profile = caller.profile() != null ? caller.profile()
                : settings.tenantProfile(caller.tenant()).orElseGet(settings::profile);
        // Unknown names are configuration errors: a 500 with an incident id, never a silently different profile.
        CompatibilityProfile.named(profile);
        return new Caller(caller.name(), caller.tenant(), profile);
    }

    private Caller bearer(ContainerRequestContext request) {
        if (!tokens.configured()) {
            throw new UnauthorizedException("authentication is not configured on this server, so no request is accepted");
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new UnauthorizedException("a bearer token is required (Authorization: Bearer <token>)");
        }
        return tokens.caller(header.substring(SCHEME.length()).trim())
                .orElseThrow(() -> new UnauthorizedException("the bearer token is not valid"));
    }

    private Caller container(SecurityContext security) {
        if (security == null || security.getUserPrincipal() == null) {
            throw new UnauthorizedException("the request is not authenticated");
        }
        if (!security.isUserInRole(settings.requiredRole())) {
            throw new ForbiddenException("the caller lacks the role this service requires");
        }
        return new Caller(security.getUserPrincipal().getName(), settings.tenant(), null);
    }

    private static Response.ResponseBuilder error(ScimException e) {
        return Response.status(e.status()).type(ScimMediaType.APPLICATION_SCIM_JSON_TYPE).entity(e.toJson().toString());
    }
}

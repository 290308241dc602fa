package org.scimee.jaxrs;

import java.util.Set;
import org.scimee.jaxrs.endpoint.BulkEndpoint;
import org.scimee.jaxrs.endpoint.MeEndpoint;
import org.scimee.jaxrs.endpoint.ResourceEndpoint;
import org.scimee.jaxrs.endpoint.ResourceTypesEndpoint;
import org.scimee.jaxrs.endpoint.RootSearchEndpoint;
import org.scimee.jaxrs.endpoint.SchemasEndpoint;
import org.scimee.jaxrs.endpoint.ServiceProviderConfigEndpoint;
import org.scimee.jaxrs.error.ScimExceptionMapper;
import org.scimee.jaxrs.error.UnexpectedExceptionMapper;
import org.scimee.jaxrs.error.WebApplicationExceptionMapper;
import org.scimee.jaxrs.security.AuthenticationFilter;
import org.scimee.jaxrs.tenant.PathTenantFilter;

/**
 * Everything a JAX-RS application needs to serve SCIM. A host returns these from its {@code Application}:
 *
 * <pre>{@code
 * @ApplicationPath("scim/v2")
 * public class Scim extends Application {
 *     public Set<Class<?>> getClasses() { return ScimEndpoints.classes(); }
 * }
 * }</pre>
 *
 * Listing the classes (rather than relying on scanning) keeps the host's other resources out of the SCIM
 * application and ours out of the host's.
 */
public final class ScimEndpoints {

    private ScimEndpoints() {
    }

    /** The resource and provider classes of the SCIM service. */
    public static Set<Class<?>> classes() {
        return Set.of(
                ResourceEndpoint.class,
                ServiceProviderConfigEndpoint.class,
                ResourceTypesEndpoint.class,
                SchemasEndpoint.class,
                RootSearchEndpoint.class,
                MeEndpoint.class,
                BulkEndpoint.class,
                AuthenticationFilter.class,
                ForwardedHeadersFilter.class,
                PathTenantFilter.class,
                ScimExceptionMapper.class,
                WebApplicationExceptionMapper.class,
                UnexpectedExceptionMapper.class);
    }
}

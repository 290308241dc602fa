package org.scimee.security;

/**
 * Decides which tenant an authenticated caller's requests run for, when the application knows better than the
 * configuration (e.g. a tenant claim in a JWT, or a lookup by principal).
 *
 * <p>Optional: provide one CDI bean implementing this. Without one, the tenant is the one the credential is bound to
 * ({@code scimee.auth.token.<name>.tenant}) or {@code scimee.tenant}.
 */
public interface TenantResolver {

    /**
     * @param caller the authenticated caller, with the tenant configuration gave it
     * @return the tenant to use; never null or blank (the request is refused with 403 then)
     */
    String tenant(Caller caller);
}

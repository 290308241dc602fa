package org.scimee.security;

/**
 * Decides whether an authenticated caller may perform an operation, beyond being authenticated.
 *
 * <p>Optional: provide one CDI bean implementing this (e.g. read-only credentials, or credentials limited to some
 * resource types). It is asked before every operation; to refuse, throw
 * {@link org.scimee.error.ForbiddenException} (403). Without one, every authenticated caller may do everything.
 */
public interface Authorizer {

    /** What the caller wants to do. */
    enum Action { CREATE, READ, QUERY, REPLACE, PATCH, DELETE }

    /**
     * @param resourceType the resource type id
     * @param id           the resource id, or {@code null} for create and query
     * @throws org.scimee.error.ForbiddenException to refuse
     */
    void authorize(Caller caller, Action action, String resourceType, String id);
}

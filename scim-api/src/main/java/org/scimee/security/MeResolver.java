package org.scimee.security;

import java.util.Optional;

/**
 * Maps the authenticated caller to the resource that represents them, for RFC 7644 §3.11 {@code /Me}.
 *
 * <p>An application that wants {@code /Me} provides one CDI bean implementing this; without one, {@code /Me}
 * answers 501 Not Implemented, as the RFC says.
 */
public interface MeResolver {

    /** The caller's own resource, or empty when the caller has none (then {@code /Me} answers 404). */
    Optional<Reference> resolve(Caller caller);

    /**
     * A resource by resource type id and resource id.
     *
     * @param resourceType the resource type id, e.g. {@code User}
     * @param id           the resource id
     */
    record Reference(String resourceType, String id) {
    }
}

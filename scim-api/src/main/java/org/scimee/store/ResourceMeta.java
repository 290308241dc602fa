package org.scimee.store;

import java.time.Instant;

/**
 * The store-maintained part of {@code meta} (RFC 7643 §3.1); {@code resourceType} and {@code location} are
 * derived from the request and the resource type, so stores never keep them.
 *
 * @param created      when the resource was created
 * @param lastModified when the resource last changed
 * @param version      a number the store increases on every change
 */
public record ResourceMeta(Instant created, Instant lastModified, long version) {

    /** The version as a weak entity tag (RFC 7232), the form RFC 7644 §3.14 uses for {@code meta.version}. */
    public String etag() {
        return "W/\"" + version + "\"";
    }
}

package org.scimee.jaxrs.operation;

import java.util.ArrayList;
import java.util.List;
import org.scimee.error.PreconditionFailedException;

/**
 * RFC 7644 §3.14 versions as HTTP entity tags: {@code meta.version} {@code W/"n"} is the resource's version n.
 * Tags compare weakly (RFC 7232 §2.3.2), since the representation of a version varies with projection.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * Checks an {@code If-Match} header against the version of the resource as read under
     * {@link org.scimee.store.ResourceStore#modify}, so the check and the write are one step. No header or
     * {@code *} always matches.
     *
     * @throws PreconditionFailedException if no tag in the header is {@code currentVersion}
     */
    public static void requireMatch(String header, long currentVersion) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return;
        }
        if (!versions(header).contains(currentVersion)) {
            throw new PreconditionFailedException("the resource is at version W/\"" + currentVersion
                    + "\", not the version given in If-Match");
        }
    }

    /** Whether an {@code If-None-Match} header matches {@code version} (so a GET may answer 304). */
    public static boolean noneMatchHits(String header, long version) {
        if (header == null || header.isBlank()) {
            return false;
        }
        return header.trim().equals("*") || versions(header).contains(version);
    }

    private static List<Long> versions(String header) {
        List<Long> versions = new ArrayList<>();
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            try {
                versions.add(Long.parseLong(t));
            } catch (NumberFormatException e) {
                // A tag we never issued: it matches no version. -1 is no version of ours.
                versions.add(-1L);
            }
        }
        return versions;
    }
}

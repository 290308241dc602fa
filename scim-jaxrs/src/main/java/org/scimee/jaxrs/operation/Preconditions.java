package org.scimee.jaxrs.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.scimee.error.PreconditionFailedException;

/**
 * RFC 7644 §3.14 versions as HTTP entity tags: {@code meta.version} {@code W/"n"} is the resource's version n.
 * Tags compare weakly (RFC 7232 §2.3.2), since the representation of a version varies with projection.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * The version an {@code If-Match} header demands, for the store to check atomically; empty when there is no
     * header or it is {@code *}. Several tags: the current version if it is among them.
     *
     * @throws PreconditionFailedException if no tag can match
     */
    public static OptionalLong ifMatch(String header, LongSupplier currentVersion) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalLong.empty();
        }
        List<Long> versions = versions(header);
        if (versions.size() == 1) {
            return OptionalLong.of(versions.get(0));
        }
        long current = currentVersion.getAsLong();
        if (versions.contains(current)) {
            return OptionalLong.of(current);
        }
        throw new PreconditionFailedException("the resource is at version W/\"" + current + "\", not one given in If-Match");
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

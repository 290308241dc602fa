package org.scimee.store;

/** Which slice of the matching resources a query wants. */
public sealed interface Page {

    /** How many resources at most; 0 asks for {@code totalResults} only. */
    int count();

    /**
     * RFC 7644 §3.4.2.4 index paging.
     *
     * @param startIndex 1-based index of the first resource (already normalised: at least 1)
     * @param count      at most this many resources (already normalised: 0 to the configured maximum)
     */
    record Index(int startIndex, int count) implements Page {
        public Index {
            if (startIndex < 1 || count < 0) {
                throw new IllegalArgumentException("startIndex must be >= 1 and count >= 0");
            }
        }
    }

    /**
     * RFC 9865 cursor paging.
     *
     * @param cursor the opaque cursor a previous page returned, or {@code null} for the first page
     * @param count  at most this many resources
     */
    record Cursor(String cursor, int count) implements Page {
        public Cursor {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0");
            }
        }
    }
}

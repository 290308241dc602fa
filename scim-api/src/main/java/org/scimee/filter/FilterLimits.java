package org.scimee.filter;

/**
 * Bounds on the filter and path text a parser accepts, so a hostile request cannot exhaust memory or stack.
 *
 * <p>Depth counts the grouping the grammar recurses on: each {@code (...)}, {@code not (...)} and
 * {@code [...]} opens one level. {@code and}/{@code or} chains are parsed with loops and add no depth; they are
 * bounded by {@code maxLength} alone. Exceeding either limit is an {@code invalidFilter} (or, for PATCH paths,
 * {@code invalidPath}) error, never a {@link StackOverflowError}.
 *
 * @param maxLength the longest text accepted, in UTF-16 characters (at least 1)
 * @param maxDepth  the deepest grouping accepted (1 to {@link #DEPTH_CEILING}); walkers recurse this deep
 */
public record FilterLimits(int maxLength, int maxDepth) {

    /** 8192 characters, 64 levels. */
    public static final FilterLimits DEFAULT = new FilterLimits(8192, 64);

    /**
     * The largest {@code maxDepth} allowed. The parser and tree walkers recurse a few frames per level: parsing,
     * printing, comparing and evaluating a tree 256 levels deep fits a 512 KiB thread stack (FilterLimitsTest
     * checks it; 256 KiB was not enough), whereas 1000 levels of {@code not (} overflowed a 1 MiB one.
     */
    public static final int DEPTH_CEILING = 256;

    public FilterLimits {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + DEPTH_CEILING + ", got " + maxDepth);
        }
    }
}

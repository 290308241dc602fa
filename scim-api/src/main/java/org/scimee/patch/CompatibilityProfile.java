package org.scimee.patch;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A named set of tolerances for PATCH requests that real clients send but RFC 7644 does not describe.
 *
 * <p>{@link #RFC} has none: what RFC 7644 §3.5.2 leaves to the server is answered strictly (an unmatched
 * filtered remove is {@code 400 noTarget}, string booleans are {@code 400 invalidValue}). {@link #DEFAULT} has all
 * of them; it never changes the meaning of a request that is valid under {@link #RFC}, it only accepts more. Each
 * tolerance the engine applies is reported in {@link PatchResult#rewrites()} and logged at {@code FINE}.
 *
 * @param name                      the profile's name, for {@link #named(String)}
 * @param lenientOperationNames     {@code op} values and the member names {@code Operations}, {@code op},
 *                                  {@code path}, {@code value} in any case ({@code "Replace"}, Entra ID)
 * @param missingMessageSchema      a body without {@code schemas} is accepted (a {@code schemas} array that does
 *                                  not list the PatchOp URN is still refused)
 * @param emptyPathIsNoPath         {@code "path": ""} means no path
 * @param stringScalars             {@code "True"}, {@code "false"}, {@code "42"}, {@code "4.2"} sent for boolean,
 *                                  integer and decimal attributes are converted by the schema type
 * @param pathKeys                  keys of a path-less {@code add}/{@code replace} value may be paths:
 *                                  {@code name.givenName}, {@code urn:...:User:employeeNumber},
 *                                  {@code emails[type eq "work"].value}
 * @param unqualifiedExtensionNames an unqualified name that is not in the core schema resolves to the one extension
 *                                  of the resource type that defines it ({@code manager})
 * @param valueShapes               a bare string for a complex value with a {@code value} sub-attribute
 *                                  ({@code "manager": "id"}), and a one-element array for a single value
 * @param wrapSingleValues          {@code add}/{@code replace} of one non-array value to a multi-valued attribute
 *                                  means an array of that value
 * @param createFromFilter          {@code add}/{@code replace} through a value filter of {@code eq} comparisons
 *                                  that matches nothing adds a value built from the filter
 *                                  ({@code emails[type eq "work"].value})
 * @param removeWithValue           {@code remove} with a {@code value} removes the listed values only, matched by
 *                                  their {@code value} sub-attribute ({@code "path": "members", "value": [...]})
 * @param filterSingleValued        a value filter on a single-valued complex attribute ({@code manager[value eq
 *                                  "x"]}) is evaluated against its one value
 * @param unmatchedRemoveIsNoOp     a filtered {@code remove} that matches nothing succeeds without change
 * @param ignoreReadOnlyInValue     read-only attributes ({@code id}, {@code meta}, {@code groups}) among the keys
 *                                  of a path-less value are ignored, as on create, instead of refused
 * @param addNullIsNoOp             {@code add} with a {@code null} value adds nothing instead of being refused
 */
public record CompatibilityProfile(
        String name,
        boolean lenientOperationNames,
        boolean missingMessageSchema,
        boolean emptyPathIsNoPath,
        boolean stringScalars,
        boolean pathKeys,
        boolean unqualifiedExtensionNames,
        boolean valueShapes,
        boolean wrapSingleValues,
        boolean createFromFilter,
        boolean removeWithValue,
        boolean filterSingleValued,
        boolean unmatchedRemoveIsNoOp,
        boolean ignoreReadOnlyInValue,
        boolean addNullIsNoOp) {

    /** Strict RFC 7644: no tolerance. */
    public static final CompatibilityProfile RFC = new CompatibilityProfile("rfc",
            false, false, false, false, false, false, false, false, false, false, false, false, false, false);

    /** Every tolerance: what Microsoft Entra ID, Okta and other real clients send is accepted. */
    public static final CompatibilityProfile DEFAULT = new CompatibilityProfile("default",
            true, true, true, true, true, true, true, true, true, true, true, true, true, true);

    private static final List<CompatibilityProfile> KNOWN = List.of(RFC, DEFAULT);

    public CompatibilityProfile {
        Objects.requireNonNull(name, "name");
    }

    /**
     * The built-in profile called {@code name}, ignoring case: {@code rfc} or {@code default}.
     *
     * @throws IllegalArgumentException if there is no such profile
     */
    public static CompatibilityProfile named(String name) {
        for (CompatibilityProfile profile : KNOWN) {
            if (profile.name.equalsIgnoreCase(Objects.requireNonNull(name, "name").trim())) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown compatibility profile '" + name + "'; known: rfc, default");
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}

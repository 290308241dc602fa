package org.scimee.filter;

import java.util.Objects;
import org.scimee.error.InvalidPathException;
import org.scimee.path.AttributePath;

/**
 * The {@code path} of a PATCH operation, RFC 7644 §3.5.2: {@code PATH = attrPath / valuePath [subAttr]}.
 *
 * <p>Examples: {@code name.givenName} (no filter, the sub-attribute is part of {@code attribute});
 * {@code members[value eq "2819c223"]}; {@code emails[type eq "work"].value} (filter and sub-attribute);
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager}.
 *
 * @param attribute    the attribute path before any {@code [}
 * @param valueFilter  the filter between {@code [} and {@code ]} (sub-attributes of {@code attribute}), or
 *                     {@code null}
 * @param subAttribute the sub-attribute after {@code ].}, or {@code null}; only with a {@code valueFilter}
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

    public PatchPath {
        Objects.requireNonNull(attribute, "attribute");
        if (valueFilter != null) {
            ValueFilter.requireValueFilterBody(valueFilter);
        }
        if (subAttribute != null) {
            if (valueFilter == null) {
                throw new IllegalArgumentException("a sub-attribute after ']' needs a value filter; "
                        + "write it into the attribute path instead");
            }
            if (!AttributePath.isAttributeName(subAttribute)) {
                throw new InvalidPathException("'" + subAttribute + "' is not a valid attribute name");
            }
        }
    }

    /** Parses {@code text} with the default limits; see {@link FilterParser#parsePatchPath(String)}. */
    public static PatchPath parse(String text) {
        return FilterParser.parsePatchPath(text);
    }

    /** The path as RFC 7644 writes it; parsing it gives an equal path. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(attribute.toString());
        if (valueFilter != null) {
            out.append('[').append(FilterPrinter.print(valueFilter)).append(']');
        }
        if (subAttribute != null) {
            out.append('.').append(subAttribute);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PatchPath that && attribute.equals(that.attribute)
                && Objects.equals(valueFilter, that.valueFilter)
                && (subAttribute == null ? that.subAttribute == null : subAttribute.equalsIgnoreCase(that.subAttribute));
    }

    @Override
    public int hashCode() {
        return Objects.hash(attribute, valueFilter,
                subAttribute == null ? null : subAttribute.toLowerCase(java.util.Locale.ROOT));
    }
}

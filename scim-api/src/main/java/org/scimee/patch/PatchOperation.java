package org.scimee.patch;

import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Objects;
import org.scimee.filter.PatchPath;

/**
 * One element of the {@code Operations} array of a PATCH request (RFC 7644 §3.5.2).
 *
 * @param index the position in {@code Operations}, from 0, for error messages
 * @param op    the operation
 * @param path  the target, or {@code null} when the request has none
 * @param value the {@code value} member: {@code null} when absent, {@link JsonValue#NULL} when explicitly null
 */
public record PatchOperation(int index, Op op, PatchPath path, JsonValue value) {

    public PatchOperation {
        Objects.requireNonNull(op, "op");
    }

    /** RFC 7644 §3.5.2: the three operations. */
    public enum Op {
        ADD, REPLACE, REMOVE;

        /** The RFC spelling: {@code add}, {@code replace}, {@code remove}. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code Operations[i] (op path)}: how error details and rewrite notes name this operation. */
    public String describe() {
        return "Operations[" + index + "] (" + op.json() + (path == null ? "" : " " + path) + ")";
    }
}

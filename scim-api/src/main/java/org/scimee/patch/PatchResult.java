package org.scimee.patch;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.scimee.store.ChangeSet;

/**
 * The outcome of a successful PATCH.
 *
 * @param attributes the new client attributes, canonical and valid (as {@code ResourceValidator} returns them)
 * @param changes    what changed, for the store: {@code changes.applyTo(before).equals(attributes)}
 * @param rewrites   human-readable notes on the tolerances of the {@link CompatibilityProfile} that were applied,
 *                   in order; never containing attribute values
 */
public record PatchResult(JsonObject attributes, ChangeSet changes, List<String> rewrites) {

    public PatchResult {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(changes, "changes");
        rewrites = List.copyOf(rewrites);
    }
}

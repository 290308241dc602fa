/**
 * SCIM PATCH (RFC 7644 §3.5.2): the request model ({@link org.scimee.patch.PatchRequest},
 * {@link org.scimee.patch.PatchOperation}), the schema-driven {@link org.scimee.patch.PatchEngine}, and the
 * {@link org.scimee.patch.CompatibilityProfile}s that say which non-RFC request shapes are tolerated.
 *
 * <p>Typical use by a transport:
 * <pre>{@code
 * CompatibilityProfile profile = CompatibilityProfile.named(config.patchProfile()); // "default" or "rfc"
 * PatchRequest request = PatchRequest.parse(body, profile);
 * StoredResource current = store.find(tenant, type, id).orElseThrow(...);
 * PatchResult result = engine.apply(type, current.attributes(), request, profile);
 * store.update(tenant, type, id, result.changes(), OptionalLong.of(current.meta().version()));
 * }</pre>
 * or, reading only the elements the request names ({@link org.scimee.patch.PatchScope}):
 * <pre>{@code
 * PatchScope scope = PatchScope.of(registry, type, request);
 * StoredResource current = store.findPartial(tenant, type, id, scope.elementsByValue()).orElseThrow(...);
 * PatchResult result = engine.apply(type, current.attributes(), request, profile);
 * ChangeSet changes = scope.changes(current.attributes(), result)
 *         .orElseGet(() -> engine.apply(type, whole(), request, profile).changes()); // not a delta: read it all
 * store.update(tenant, type, id, changes, OptionalLong.of(current.meta().version()));
 * }</pre>
 *
 * <p>Decisions where RFC 7644 is silent or ambiguous (each also covered by the cases in
 * {@code src/test/resources/patch-cases}):
 * <ul>
 *   <li>more than {@link org.scimee.patch.PatchRequest#DEFAULT_MAX_OPERATIONS} operations: {@code 400 tooMany};</li>
 *   <li>removing a {@code required} attribute (or the last value of a required multi-valued one):
 *       {@code 400 invalidValue} ("a required value was missing", RFC 7644 §3.12);</li>
 *   <li>remove of an attribute that has no value: success, no change (under both profiles); a remove whose value
 *       filter matches nothing: {@code noTarget} under RFC, no-op under DEFAULT;</li>
 *   <li>replace or add through a value filter merges the given sub-attributes into each matching value;</li>
 *   <li>{@code emails.type} (sub-attribute of a multi-valued attribute, no filter) addresses every value;</li>
 *   <li>{@code primary: true} on one value sets {@code primary: false} on the others; two new primaries in one
 *       operation are {@code invalidValue};</li>
 *   <li>{@code readOnly} attributes named by a path are {@code mutability}; {@code readOnly} sub-attributes inside
 *       a value (a member's {@code display}) are dropped, as on create;</li>
 *   <li>values of a multi-valued attribute whose sub-attributes are {@code immutable} (group members) may be
 *       added and removed whole, never edited in place;</li>
 *   <li>{@code remove} with a {@code value} is {@code invalidSyntax} under RFC (removing everything instead would
 *       be dangerous);</li>
 *   <li>the change set expresses in-place edits of multi-valued attributes (and reordering) as a
 *       {@code SetValue} of the whole array; pure appends and removals as {@code AddValues}/{@code RemoveValues}.</li>
 * </ul>
 */
package org.scimee.patch;

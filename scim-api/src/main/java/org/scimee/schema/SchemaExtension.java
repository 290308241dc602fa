package org.scimee.schema;

/**
 * A schema extension a resource type allows (RFC 7643 §6).
 *
 * @param schema   the extension schema URN
 * @param required whether every resource of the type must carry the extension
 */
public record SchemaExtension(String schema, boolean required) {
}

package org.scimee.security;

/**
 * Who sent the current request, as authentication established it.
 *
 * @param name    the credential's name (a configured token's name, or the container principal); never a secret
 * @param tenant  the tenant the request runs for
 * @param profile the compatibility profile for the request's PATCH and validation
 */
public record Caller(String name, String tenant, String profile) {
}

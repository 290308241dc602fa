package org.scimee.jaxrs.scenario;

/**
 * Every black-box scenario, for a runner to implement: the in-process server in scim-jaxrs
 * ({@code InProcessScimTest}), and the example WAR on Payara Micro and WildFly ({@code PayaraIT},
 * {@code WildFlyIT}). A runner only says where the service is ({@link ScimService}).
 *
 * <p>Scenarios create their own resources with unique names and never assume an empty store, so they run in any
 * order against a long-lived server.
 */
public interface ScimScenarios extends CrudScenarios, AuthScenarios, ErrorScenarios, DiscoveryScenarios, MediaTypeScenarios,
        QueryScenarios, BulkScenarios, TenantScenarios, PatchScenarios, GroupsScenarios {
}

package org.scimee.example;

/** The slice on WildFly 39 (Jakarta EE 10, EclipseLink bundled in the WAR). */
class WildFlyIT extends ScimSliceScenarios {
}

package org.scimee.example;

/** Every shared scenario on WildFly 39 (Jakarta EE 10, EclipseLink bundled in the WAR). */
class WildFlyIT extends ArquillianScimService {
}

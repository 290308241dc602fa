package org.scimee.example;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimee.jaxrs.scenario.ScimHttp;
import org.scimee.jaxrs.scenario.ScimScenarios;

/**
 * The packaged WAR on a real server, black-box over HTTP: every shared scenario of scim-jaxrs's test-jar
 * ({@link ScimScenarios}) runs against it. Each server has a subclass, run by its own failsafe execution; the
 * server gets the token and the body limit as system properties from arquillian.xml.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class ArquillianScimService implements ScimScenarios, CustomResourceTypeScenarios {

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/scim-ee-example.war"));
    }

    @Override
    public URI base() {
        try {
            return ScimHttp.loopback(deployment.toURI()).resolve("scim/v2/");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String token() {
        return required("it.token");
    }

    @Override
    public String otherTenantToken() {
        return required("it.otherToken");
    }

    @Override
    public int maxRequestBytes() {
        return Integer.parseInt(required("it.maxRequestBytes"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (see the failsafe executions)");
        }
        return value;
    }
}

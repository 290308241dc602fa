package org.scimee.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.scimee.jaxrs.ScimEndpoints;

/** Serves SCIM at {@code /scim/v2}: the base URL an identity provider is given. */
@ApplicationPath("scim/v2")
public class ExampleScimApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return ScimEndpoints.classes();
    }
}

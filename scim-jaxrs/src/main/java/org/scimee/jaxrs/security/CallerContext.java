package org.scimee.jaxrs.security;

import jakarta.enterprise.context.RequestScoped;
import org.scimee.error.UnauthorizedException;
import org.scimee.security.Caller;

/** Holds the {@link Caller} of the current request; set once by {@link AuthenticationFilter}. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller authenticated) {
        this.caller = authenticated;
    }

    /**
     * @throws UnauthorizedException if no authentication ran for this request (a wiring fault: fail closed)
     */
    public Caller caller() {
        if (caller == null) {
            throw new UnauthorizedException("the request was not authenticated");
        }
        return caller;
    }
}

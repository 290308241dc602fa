package org.scimee.jaxrs.operation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.scimee.event.ResourceEvent;

/** Fires {@link ResourceEvent}s once a store call has returned, i.e. once the change is committed. */
@ApplicationScoped
public class ResourceEvents {

    private static final Logger LOG = Logger.getLogger(ResourceEvents.class.getName());

    private Event<ResourceEvent> events;

    /** For CDI proxies. */
    public ResourceEvents() {
    }

    @Inject
    public ResourceEvents(Event<ResourceEvent> events) {
        this.events = events;
    }

    public void fire(ResourceEvent event) {
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            // The change is committed; an observer's failure must not turn its success into an error response.
            LOG.log(Level.WARNING, "an observer of " + event.kind() + " " + event.type() + " " + event.id() + " failed", e);
        }
        events.fireAsync(event).exceptionally(e -> {
            LOG.log(Level.WARNING, "an asynchronous observer of " + event.kind() + " " + event.type() + " failed", e);
            return event;
        });
    }
}

package org.scimee.store;

import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.OptionalLong;
import org.scimee.schema.ResourceType;

/**
 * A test store that hands the SPI's abstract methods to another store, so a test overrides only the calls it wants
 * to watch or disturb. The SPI's default methods are deliberately not forwarded: they keep calling this store's own
 * methods, which is what tests of those defaults rely on.
 */
public class ForwardingResourceStore implements ResourceStore {

    protected final ResourceStore delegate;

    public ForwardingResourceStore(ResourceStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public StoredResource create(String tenant, ResourceType type, JsonObject attributes) {
        return delegate.create(tenant, type, attributes);
    }

    @Override
    public Optional<StoredResource> find(String tenant, ResourceType type, String id) {
        return delegate.find(tenant, type, id);
    }

    @Override
    public StoredResource replace(String tenant, ResourceType type, String id, JsonObject attributes,
                                  OptionalLong expectedVersion) {
        return delegate.replace(tenant, type, id, attributes, expectedVersion);
    }

    @Override
    public void delete(String tenant, ResourceType type, String id, OptionalLong expectedVersion) {
        delegate.delete(tenant, type, id, expectedVersion);
    }

    @Override
    public QueryResult query(String tenant, ResourceType type, ResourceQuery query) {
        return delegate.query(tenant, type, query);
    }
}

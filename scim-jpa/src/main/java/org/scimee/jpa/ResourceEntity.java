package org.scimee.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One stored resource of any resource type: the canonical JSON plus the columns the store maintains. */
@Entity
@Table(name = "scim_resource")
@IdClass(ResourceEntity.Key.class)
public class ResourceEntity {

    @Id
    @Column(name = "tenant", length = 64, nullable = false)
    private String tenant;

    @Id
    @Column(name = "resource_type", length = 64, nullable = false)
    private String resourceType;

    @Id
    @Column(name = "id", length = 64, nullable = false)
    private String id;

    @Lob
    @Column(name = "data", nullable = false)
    private String data;

    // Epoch milliseconds: portable across H2, PostgreSQL and MariaDB without time-zone or precision surprises.
    @Column(name = "created_ms", nullable = false)
    private long created;

    @Column(name = "last_modified_ms", nullable = false)
    private long lastModified;

    @Column(name = "version", nullable = false)
    private long version;

    public ResourceEntity() {
    }

    ResourceEntity(String tenant, String resourceType, String id, String data, long created, long lastModified, long version) {
        this.tenant = tenant;
        this.resourceType = resourceType;
        this.id = id;
        this.data = data;
        this.created = created;
        this.lastModified = lastModified;
        this.version = version;
    }

    /** The same resource stored differently (elements moved out of the document): no new version. */
    void restore(String newData) {
        data = newData;
    }

    void replace(String newData, long now) {
        data = newData;
        lastModified = now;
        version++;
    }

    String resourceType() {
        return resourceType;
    }

    String id() {
        return id;
    }

    String data() {
        return data;
    }

    long created() {
        return created;
    }

    long lastModified() {
        return lastModified;
    }

    long version() {
        return version;
    }

    /** Composite primary key: ids are unique per tenant and resource type. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String tenant;
        private String resourceType;
        private String id;

        public Key() {
        }

        Key(String tenant, String resourceType, String id) {
            this.tenant = tenant;
            this.resourceType = resourceType;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenant, k.tenant) && Objects.equals(resourceType, k.resourceType)
                    && Objects.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, resourceType, id);
        }
    }
}
